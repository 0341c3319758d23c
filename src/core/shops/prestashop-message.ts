// A private message on a PrestaShop order (staff only, shown in the order's Messages block): the order's
// customer thread (customer_threads, created when the order has none) gets a customer_message with
// private=1. PrestaShop has no core webservice for a file on an order, so the sales-document number goes here.
// Both are POSTs, so each is written once: the thread and the message are looked for first, and again when a
// POST's answer was lost (the message's marker: private, by no employee, naming the document number).
import { randomBytes } from 'node:crypto';
import { t } from '../l10n';
import { writeOnce } from './once';

export interface PsApi {
  list<T>(resource: string, query: Record<string, string>, what: string): Promise<T[]>;
  /** POSTs XML; the answer's text. */
  post(resource: string, xml: string, what: string): Promise<string>;
}

const cdata = (value: string | number) => `<![CDATA[${String(value).replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;

async function findThread(api: PsApi, orderId: string): Promise<string | undefined> {
  const [thread] = await api.list<{ id: number | string }>(
    'customer_threads',
    { display: '[id]', 'filter[id_order]': `[${Number(orderId)}]` },
    "find the order's message thread",
  );
  return thread ? String(thread.id) : undefined;
}

async function createThread(api: PsApi, orderId: string): Promise<string> {
  const [order] = await api.list<{ id_customer: string; id_lang?: string; id_shop?: string }>(
    'orders',
    { display: '[id,id_customer,id_lang,id_shop]', 'filter[id]': `[${Number(orderId)}]` },
    'fetch an order',
  );
  const [customer] = order
    ? await api.list<{ email: string }>(
        'customers',
        { display: '[id,email]', 'filter[id]': `[${Number(order.id_customer)}]` },
        'read customers',
      )
    : [];
  // id_contact 0: no contact form; token: PrestaShop's own threads carry a random one too.
  const xml =
    `<?xml version="1.0" encoding="UTF-8"?><prestashop><customer_thread><id_lang>${cdata(order?.id_lang ?? 1)}</id_lang><id_shop>${cdata(order?.id_shop ?? 1)}</id_shop>` +
    `<id_customer>${cdata(order?.id_customer ?? 0)}</id_customer><id_order>${cdata(Number(orderId))}</id_order><id_contact>0</id_contact><email>${cdata(customer?.email ?? '')}</email>` +
    `<token>${cdata(randomBytes(6).toString('hex'))}</token><status>open</status></customer_thread></prestashop>`;
  const answer = await api.post('customer_threads', xml, "create the order's message thread");
  const threadId = createdId(answer);
  if (threadId === undefined) throw new Error(t('PrestaShop created the message thread but did not say its id: {0}', answer.slice(0, 200)));
  return threadId;
}

/** Whether the thread has the product's own message naming the document: private, written by no employee. */
async function hasMessage(api: PsApi, threadId: string, documentNumber: string): Promise<true | undefined> {
  const messages = await api.list<{ id: number | string; message?: string; private?: string | number; id_employee?: string | number }>(
    'customer_messages',
    { display: '[id,message,private,id_employee]', 'filter[id_customer_thread]': `[${Number(threadId)}]` },
    'look for the sales-document number on the order',
  );
  return (
    messages.some((m) => String(m.private) === '1' && String(m.id_employee ?? '0') === '0' && (m.message ?? '').includes(documentNumber)) ||
    undefined
  );
}

export async function writePrivateOrderMessage(
  api: PsApi,
  orderId: string,
  documentNumber: string,
  message: string,
): Promise<{ written: boolean }> {
  const thread = await writeOnce({
    find: () => findThread(api, orderId),
    write: () => createThread(api, orderId),
    what: t('message thread of the order'),
    platform: 'prestashop',
  });
  const threadId = thread.value;
  const xml =
    `<?xml version="1.0" encoding="UTF-8"?><prestashop><customer_message><id_employee>0</id_employee><id_customer_thread>${cdata(threadId)}</id_customer_thread>` +
    `<message>${cdata(message)}</message><private>1</private></customer_message></prestashop>`;
  const written = await writeOnce({
    find: () => hasMessage(api, threadId, documentNumber),
    write: async () => {
      await api.post('customer_messages', xml, 'write the sales-document number to the order');
      return true as const;
    },
    what: t('message with the sales-document number'),
    platform: 'prestashop',
  });
  return { written: !written.reused };
}

/** The id in a create answer: JSON (output_format=JSON) or XML. */
function createdId(answer: string): string | undefined {
  try {
    const id = (JSON.parse(answer) as { customer_thread?: { id?: number | string } }).customer_thread?.id;
    if (id !== undefined) return String(id);
  } catch {
    // XML
  }
  return /<customer_thread>[\s\S]*?<id>(?:<!\[CDATA\[)?(\d+)/.exec(answer)?.[1];
}
