// The FA(3) XML of a sandbox FS: the structured invoice KSeF receives (the Ministry's schema "FA (3)",
// namespace http://crd.gov.pl/wzor/2025/06/25/13775/): header, seller (Podmiot1), buyer (Podmiot2), the VAT
// sums per rate (P_13_x / P_14_x), the gross total (P_15), the annotations and one FaWiersz per line, priced
// in gross as the sandbox prices. The element order follows the schema's sequences. UNCONFIRMED: the file is
// not validated against the Ministry's XSD here, and KSeF's own checks (e.g. of an exemption's legal basis)
// are not simulated — it is the sandbox's rehearsal, hashed byte for byte for the KOD I link.
import { groszeToDecimal } from '../../model/money';
import type { PartyAddress, SalesDocumentModel } from '../pdf/model';

export const FA3_NAMESPACE = 'http://crd.gov.pl/wzor/2025/06/25/13775/';

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

function element(name: string, value: string | number): string {
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

const amount = (grosze: number) => groszeToDecimal(grosze);

function address(party: PartyAddress): string {
  const line2 = [party.postcode, party.city].filter(Boolean).join(' ');
  return `<Adres>${element('KodKraju', party.country || 'PL')}${element('AdresL1', party.street || line2)}${party.street && line2 ? element('AdresL2', line2) : ''}</Adres>`;
}

const digits = (taxId: string | undefined) => (taxId ?? '').replace(/[\s-]/g, '').replace(/^PL/i, '');

/** P_12 of a line: the rate as the schema names it (0 % domestic is "0 KR"; "zw" exempt). */
function rateCode(rate: number | string): string {
  if (typeof rate === 'string') return rate;
  return rate === 0 ? '0 KR' : String(rate);
}

/** The schema's VAT sum fields per rate: net in P_13_x, tax in P_14_x (no tax field for 0 % and exempt). */
const RATE_FIELDS: Record<string, [string, string | undefined]> = {
  '23': ['P_13_1', 'P_14_1'],
  '22': ['P_13_1', 'P_14_1'],
  '8': ['P_13_2', 'P_14_2'],
  '7': ['P_13_2', 'P_14_2'],
  '5': ['P_13_3', 'P_14_3'],
  '0 KR': ['P_13_6_1', undefined],
  zw: ['P_13_7', undefined],
};

/** The FA(3) XML of an FS, as the bytes the sandbox "sends" to KSeF and hashes. */
export function fa3Xml(model: SalesDocumentModel, createdAt: string): string {
  const sums = new Map<string, { net: number; vat: number }>();
  for (const row of model.vatTable) {
    const fields = RATE_FIELDS[rateCode(row.vatRate)] ?? RATE_FIELDS['23']!;
    const current = sums.get(fields[0]) ?? { net: 0, vat: 0 };
    sums.set(fields[0], { net: current.net + row.net, vat: current.vat + row.vat });
  }
  const order = ['P_13_1', 'P_13_2', 'P_13_3', 'P_13_6_1', 'P_13_7'];
  const vatSums = order
    .filter((field) => sums.has(field))
    .map((field) => {
      const sum = sums.get(field)!;
      const tax = Object.values(RATE_FIELDS).find(([net]) => net === field)![1];
      return element(field, amount(sum.net)) + (tax ? element(tax, amount(sum.vat)) : '');
    })
    .join('');
  const buyerId = digits(model.buyer.taxId);
  const buyerName = model.buyer.company || model.buyer.name;
  const lines = model.lines
    .map((line, index) =>
      [
        '<FaWiersz>',
        element('NrWierszaFa', index + 1),
        element('P_7', line.name),
        element('P_8A', line.unit),
        element('P_8B', line.quantity),
        element('P_9B', amount(line.unitGross)),
        element('P_11A', amount(line.gross)),
        element('P_12', rateCode(line.vatRate)),
        '</FaWiersz>',
      ].join(''),
    )
    .join('\n    ');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<Faktura xmlns="${FA3_NAMESPACE}">`,
    '  <Naglowek>',
    `    <KodFormularza kodSystemowy="FA (3)" wersjaSchemy="1-0E">FA</KodFormularza>${element('WariantFormularza', 3)}${element('DataWytworzeniaFa', createdAt)}${element('SystemInfo', 'Optima Order Sync (sandbox ERP)')}`,
    '  </Naglowek>',
    '  <Podmiot1>',
    `    <DaneIdentyfikacyjne>${element('NIP', digits(model.seller.taxId))}${element('Nazwa', model.seller.name)}</DaneIdentyfikacyjne>${address(model.seller)}`,
    '  </Podmiot1>',
    '  <Podmiot2>',
    `    <DaneIdentyfikacyjne>${buyerId ? element('NIP', buyerId) : element('BrakID', 1)}${element('Nazwa', buyerName)}</DaneIdentyfikacyjne>${address(model.buyer)}${element('JST', 2)}${element('GV', 2)}`,
    '  </Podmiot2>',
    '  <Fa>',
    `    ${element('KodWaluty', model.currency)}${element('P_1', model.issueDate)}${model.place ? element('P_1M', model.place) : ''}${element('P_2', model.number)}${element('P_6', model.saleDate)}`,
    `    ${vatSums}${element('P_15', amount(model.totals.gross))}`,
    '    <Adnotacje><P_16>2</P_16><P_17>2</P_17><P_18>2</P_18><P_18A>2</P_18A><Zwolnienie><P_19N>1</P_19N></Zwolnienie><NoweSrodkiTransportu><P_22N>1</P_22N></NoweSrodkiTransportu><P_23>2</P_23><PMarzy><P_PMarzyN>1</P_PMarzyN></PMarzy></Adnotacje>',
    `    ${element('RodzajFaktury', 'VAT')}`,
    `    ${lines}`,
    '  </Fa>',
    '</Faktura>',
    '',
  ].join('\n');
}
