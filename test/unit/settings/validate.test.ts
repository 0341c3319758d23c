import assert from 'node:assert/strict';
import { defaultSettings, defaultSettingsText } from '../../../src/core/settings/defaults';
import { formatProblem, validateSettingsText } from '../../../src/core/settings/validate';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The default settings changed by `edit`, as pretty JSON text (two-space indent, like init writes). */
function variant(edit: (s: Json) => void): string {
  const settings = defaultSettings() as Json;
  edit(settings);
  return JSON.stringify(settings, null, 2);
}

/** The 1-based line of the first occurrence of `needle` in `text`. */
function lineOf(text: string, needle: string, from = 0): number {
  const index = text.indexOf(needle, from);
  assert.ok(index >= 0, `${needle} not in text`);
  return text.slice(0, index).split('\n').length;
}

function problemsOf(text: string) {
  return validateSettingsText(text, 'optima-sync.json').problems.filter((p) => p.severity === 'error');
}

describe('settings validation', () => {
  it('accepts the default file that init writes and fills in defaults', () => {
    const result = validateSettingsText(defaultSettingsText(), 'optima-sync.json');
    assert.deepEqual(result.problems, []);
    assert.equal(result.settings?.timezone, 'Europe/Warsaw');
    assert.equal(result.settings?.email.bulkLimit, 20);
  });

  it('fills in defaults for a minimal file', () => {
    const text = JSON.stringify({
      version: 1,
      shop: { platform: 'demo' },
      erp: { importMode: 'RO' },
      email: { testMode: { enabled: false } },
    });
    const result = validateSettingsText(text, 'x.json');
    assert.deepEqual(result.problems, []);
    assert.equal(result.settings?.erp.adapter, 'sandbox');
    assert.equal(result.settings?.afterRealization.sendEmail.enabled, false);
    assert.equal(result.settings?.email.smtp.port, 587);
    assert.equal(result.settings?.email.smtp.tls, true);
    assert.equal(result.settings?.schedule.autoSyncMinutes, 0);
  });

  it('reports a wrong type at the line and column of the value', () => {
    const text = variant((s) => {
      s.email.smtp.port = '587';
    });
    const [problem, ...rest] = problemsOf(text);
    assert.equal(rest.length, 0);
    assert.equal(problem!.line, lineOf(text, '"port"'));
    assert.equal(problem!.column, text.split('\n')[problem!.line - 1]!.indexOf('"587"') + 1);
    assert.match(problem!.message, /email\.smtp\.port must be of type integer/);
  });

  it('reports an unknown key at the key', () => {
    const text = variant((s) => {
      s.shop.colour = 'blue';
    });
    const [problem] = problemsOf(text);
    assert.equal(problem!.line, lineOf(text, '"colour"'));
    assert.match(problem!.message, /Unknown setting "colour" in shop/);
    assert.equal(problem!.code, 'schema.unknown-key');
  });

  for (const mode of ['FS', 'PA', 'AUTO']) {
    it(`rejects after-realization actions with import mode ${mode}`, () => {
      const text = variant((s) => {
        s.erp.importMode = mode;
      });
      const problems = problemsOf(text);
      // setStatus, sendEmail and uploadSalesPdfToShop are all enabled in the defaults.
      assert.equal(problems.length, 3);
      for (const p of problems) assert.match(p.message, /Available only for import mode RO or PF/);
      assert.deepEqual(
        problems.map((p) => p.pointer),
        ['/afterRealization/setStatus/enabled', '/afterRealization/sendEmail/enabled', '/afterRealization/uploadSalesPdfToShop/enabled'],
      );
    });
  }

  it('accepts FS mode when the after-realization actions are off', () => {
    const text = variant((s) => {
      s.erp.importMode = 'FS';
      for (const action of Object.values(s.afterRealization) as Json[]) action.enabled = false;
    });
    assert.deepEqual(problemsOf(text), []);
  });

  for (const key of ['password', 'smtpPassword', 'apiKey', 'api_key', 'secret', 'token', 'haslo']) {
    it(`rejects a secret-like key "${key}" and names the command that stores it`, () => {
      const text = variant((s) => {
        s.email.smtp[key] = 'hunter22';
      });
      const [problem] = problemsOf(text);
      assert.equal(problem!.code, 'secret-key');
      assert.equal(problem!.line, lineOf(text, `"${key}"`));
      assert.match(problem!.message, /Set SMTP password/);
      assert.ok(!problem!.message.includes('hunter22'), 'the secret value itself is never echoed');
    });
  }

  it('rejects a secret key at the top level and in the shop section too', () => {
    const text = variant((s) => {
      s.apiKey = 'x';
      s.shop.token = 'y';
    });
    assert.deepEqual(
      problemsOf(text).map((p) => p.code),
      ['secret-key', 'secret-key'],
    );
  });

  it('requires a test-mode recipient when test mode is on', () => {
    const text = variant((s) => {
      delete s.email.testMode.recipient;
    });
    const [problem] = problemsOf(text);
    assert.match(problem!.message, /Test mode needs a recipient/);
  });

  it('requires an existing template for an enabled e-mail', () => {
    const text = variant((s) => {
      s.afterImport.sendEmail.template = 'missing-one';
    });
    const [problem] = problemsOf(text);
    assert.equal(problem!.code, 'template-missing');
    assert.equal(problem!.line, lineOf(text, '"missing-one"'));
    assert.match(problem!.message, /no template "missing-one".*order-received/);
  });

  it('requires shop.url except for BaseLinker and the demo shop', () => {
    for (const platform of ['prestashop', 'woocommerce', 'apilo', 'sellasist']) {
      const text = variant((s) => {
        s.shop.platform = platform;
        s.afterRealization.uploadSalesPdfToShop.enabled = false;
      });
      assert.deepEqual(
        problemsOf(text).map((p) => p.message),
        ['shop.url: Required for this platform (only BaseLinker and the demo shop work without it)'],
        platform,
      );
    }
    assert.deepEqual(
      problemsOf(
        variant((s) => {
          s.shop.platform = 'baselinker';
        }),
      ),
      [],
    );
  });

  it('accepts the sales-document delivery on every platform (the number where no file can go)', () => {
    for (const platform of ['prestashop', 'sellasist']) {
      assert.deepEqual(
        problemsOf(
          variant((s) => {
            s.shop.platform = platform;
            s.shop.url = 'https://sklep.example.pl';
          }),
        ),
        [],
        platform,
      );
    }
  });

  it('checks formats: e-mail, sender mailbox, host name, port range, time zone, date', () => {
    const cases: Array<[(s: Json) => void, RegExp]> = [
      [
        (s) => {
          s.email.testMode.recipient = 'not-an-address';
        },
        /recipient must be an e-mail address/,
      ],
      [
        (s) => {
          s.email.from = 'Sklep <broken>';
        },
        /email\.from must be an e-mail address, optionally with a name/,
      ],
      [
        (s) => {
          s.email.smtp.host = 'smtp example.pl';
        },
        /host must be a host name/,
      ],
      [
        (s) => {
          s.email.smtp.port = 70000;
        },
        /port must be ≤ 65535/,
      ],
      [
        (s) => {
          s.email.smtp.port = 0;
        },
        /port must be ≥ 1/,
      ],
      [
        (s) => {
          s.timezone = 'Europe/Gdansk';
        },
        /timezone must be an IANA time zone/,
      ],
      [
        (s) => {
          s.shop.importSince = '2026-13-01';
        },
        /importSince must be a date YYYY-MM-DD/,
      ],
      [
        (s) => {
          s.erp.importMode = 'WZ';
        },
        /importMode must be one of: "RO", "PF", "FS", "PA", "AUTO"/,
      ],
    ];
    for (const [edit, expected] of cases) {
      const messages = problemsOf(variant(edit)).map((p) => p.message);
      assert.equal(messages.length, 1, messages.join('; '));
      assert.match(messages[0]!, expected);
    }
  });

  it('accepts a sender with a display name with Polish characters', () => {
    assert.deepEqual(
      problemsOf(
        variant((s) => {
          s.email.from = 'Sklep Zażółć <sklep@example.pl>';
        }),
      ),
      [],
    );
  });

  it('requires exactly one of body and bodyFile in a template', () => {
    const both = variant((s) => {
      s.templates['order-received'].body = '<p>x</p>';
    });
    assert.match(problemsOf(both)[0]!.message, /exactly one of "body" or "bodyFile"/);
    const none = variant((s) => {
      delete s.templates['order-received'].bodyFile;
    });
    assert.match(problemsOf(none)[0]!.message, /exactly one of "body" or "bodyFile"/);
  });

  it('reports a missing required section', () => {
    const text = variant((s) => {
      delete s.erp;
    });
    const [problem] = problemsOf(text);
    assert.match(problem!.message, /Missing required setting "erp"/);
    assert.equal(problem!.line, 1);
  });

  it('reports broken JSON with its position and a readable reason', () => {
    const text = '{\n  "version": 1,\n  "shop": { "platform": "demo" }\n  "erp": {}\n}\n';
    const [problem] = validateSettingsText(text, 'optima-sync.json').problems;
    assert.equal(problem!.code, 'syntax');
    assert.equal(problem!.line, 4);
    assert.match(problem!.message, /Invalid JSON: a "," is missing/);
  });

  it('reports comments and trailing commas as JSON errors', () => {
    assert.match(validateSettingsText('{ // note\n "version": 1 }', 'f').problems[0]!.message, /comments are not allowed/);
    assert.equal(validateSettingsText('{ "version": 1, }', 'f').problems[0]!.code, 'syntax');
  });

  it('reports an empty file', () => {
    assert.equal(validateSettingsText('', 'f').problems[0]!.code, 'syntax');
  });

  it('warns (without failing) when certificate errors are ignored', () => {
    const result = validateSettingsText(
      variant((s) => {
        s.email.smtp.ignoreCertificateErrors = true;
      }),
      'f',
    );
    assert.ok(result.settings);
    assert.deepEqual(
      result.problems.map((p) => [p.severity, p.code]),
      [['warning', 'insecure-tls']],
    );
  });

  it('formats a problem as file:line:col: message', () => {
    const text = variant((s) => {
      s.email.smtp.port = 'x';
    });
    const [problem] = problemsOf(text);
    assert.match(formatProblem(problem!), /^optima-sync\.json:\d+:\d+: email\.smtp\.port must be of type integer$/);
  });

  it("words each problem twice: with the setting's path for the Problems panel, without it beside the field", () => {
    const cases: Array<[(s: Json) => void, string, string, string]> = [
      [
        (s) => {
          s.email.testMode.recipient = 'not-an-address';
        },
        '/email/testMode/recipient',
        'email.testMode.recipient must be an e-mail address',
        'Enter an e-mail address',
      ],
      [
        (s) => {
          delete s.email.testMode.recipient;
        },
        '/email/testMode/recipient',
        'email.testMode.recipient: Test mode needs a recipient address',
        'Test mode needs a recipient address',
      ],
      [
        (s) => {
          s.email.smtp.port = 70000;
        },
        '/email/smtp/port',
        'email.smtp.port must be ≤ 65535',
        'At most 65535',
      ],
      [
        (s) => {
          s.afterImport.setStatus = { enabled: true };
        },
        '/afterImport/setStatus/status',
        'afterImport.setStatus.status: Choose the status to set',
        'Choose the status to set',
      ],
      [
        (s) => {
          s.shop.platform = 'woocommerce';
        },
        '/shop/url',
        'shop.url: Required for this platform (only BaseLinker and the demo shop work without it)',
        'Required for this platform (only BaseLinker and the demo shop work without it)',
      ],
      [
        (s) => {
          s.erp.adapter = 'optima';
          s.erp.optima = { server: 'srv', database: 'CDN_Firma' };
        },
        '/erp/optima/user',
        'erp.optima.user: Required: a read-only SQL login',
        'Required: a read-only SQL login',
      ],
      [
        (s) => {
          delete s.email.from;
        },
        '/email/from',
        'E-mails are enabled but email.from (the sender) is not set',
        'E-mails to customers are enabled: set the sender address',
      ],
    ];
    for (const [edit, pointer, message, fieldMessage] of cases) {
      const [problem, ...rest] = problemsOf(variant(edit));
      assert.equal(rest.length, 0, message);
      assert.deepEqual([problem!.pointer, problem!.message, problem!.fieldMessage], [pointer, message, fieldMessage]);
    }
  });

  it('reports a missing setting at its parent (it has no position of its own)', () => {
    const text = variant((s) => {
      delete s.email.testMode.recipient;
    });
    const [problem] = problemsOf(text);
    assert.equal(problem!.line, lineOf(text, '"testMode"'));
  });
  describe('KSeF (erp.ksef)', () => {
    const warnings = (text: string) => validateSettingsText(text, 'optima-sync.json').problems.filter((p) => p.severity === 'warning');

    it('init turns it on, with the production environment and a 48-hour hold before the alert', () => {
      const settings = validateSettingsText(defaultSettingsText(), 'f').settings!;
      assert.deepEqual(settings.erp.ksef, { enabled: true, environment: 'production', maxHoldHours: 48 });
    });

    it('a file without the key keeps it off and is warned where an FS would go out as a PDF', () => {
      const text = variant((s) => {
        delete s.erp.ksef;
      });
      const result = validateSettingsText(text, 'f');
      assert.ok(result.settings, 'still valid');
      assert.equal(result.settings.erp.ksef, undefined, 'no default turns it on');
      const [warning, ...rest] = warnings(text);
      assert.equal(rest.length, 0);
      assert.deepEqual([warning!.code, warning!.pointer], ['ksef-not-set', '/erp/ksef/enabled']);
      assert.equal(warning!.line, lineOf(text, '"erp"'), 'at the erp section (the key has no position of its own)');
      assert.match(warning!.message, /KSeF is off/);
    });

    it('says nothing about a missing key where no FS is handed out as a PDF (FS mode, no PDF after realization)', () => {
      assert.deepEqual(
        warnings(
          variant((s) => {
            delete s.erp.ksef;
            s.erp.importMode = 'FS';
            s.afterRealization = {};
          }),
        ),
        [],
      );
      assert.deepEqual(
        warnings(
          variant((s) => {
            delete s.erp.ksef;
            s.afterRealization.sendEmail.attachSalesPdf = false;
            s.afterRealization.uploadSalesPdfToShop.enabled = false;
          }),
        ),
        [],
      );
      assert.deepEqual(
        warnings(
          variant((s) => {
            s.erp.ksef = { enabled: false };
          }),
        ),
        [],
        'off on purpose',
      );
    });

    it('needs "enabled" when the key is there, fills the rest in, and checks the environment and the hours', () => {
      assert.deepEqual(
        problemsOf(
          variant((s) => {
            s.erp.ksef = {};
          }),
        ).map((p) => [p.pointer, p.fieldMessage]),
        [['/erp/ksef/enabled', 'Say whether KSeF is on: "enabled": true or false']],
      );
      const filled = validateSettingsText(
        variant((s) => {
          s.erp.ksef = { enabled: true };
        }),
        'f',
      ).settings!;
      assert.deepEqual(filled.erp.ksef, { enabled: true, environment: 'production', maxHoldHours: 48 });
      assert.equal(filled.erp.sandbox.ksefAutoAcceptSeconds, 0);
      assert.deepEqual(
        problemsOf(
          variant((s) => {
            s.erp.ksef.environment = 'staging';
          }),
        ).map((p) => p.code),
        ['schema.enum'],
      );
      assert.deepEqual(
        problemsOf(
          variant((s) => {
            s.erp.ksef.maxHoldHours = 0;
          }),
        ).map((p) => p.code),
        ['schema.range'],
      );
    });

    it('warns when the sandbox should number invoices as KSeF does but the seller has no 10-digit NIP', () => {
      assert.deepEqual(
        warnings(
          variant((s) => {
            s.erp.seller.taxId = '526-025-02-74';
          }),
        ),
        [],
        'dashes are fine',
      );
      assert.deepEqual(
        warnings(
          variant((s) => {
            s.erp.seller.taxId = '';
          }),
        ).map((p) => [p.code, p.pointer]),
        [['ksef-seller-nip', '/erp/seller/taxId']],
      );
    });
  });
});
