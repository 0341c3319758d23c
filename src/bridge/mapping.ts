// An order → the COM calls that create its document in Optima. The one place that knows Optima's object
// model for writing; it depends only on the OptimaCom interface, so winax, the simulator and a replayed trace
// all run exactly these calls. It follows Comarch's public samples and two public shop importers:
//   [COMARCH] Comarch's console samples (Przyklady.cs): CDN.DokumentyHaMag → AddNew, Rodzaj/TypDokumentu 302000/302,
//             Bufor, DataDok, FormaPlatnosci, Podmiot, Elementy.AddNew with TowarKod + Ilosc, Sesja.Save(),
//             NumerPelny after the save; CDN.Kontrahenci AddNew with Akronim, Nazwa1/2, Email, Adres.*,
//             NumerNIP.UstawNIP("PL", nip, 1).
//   [SHOPS]   the Magento and PrestaShop → Optima importers: Rodzaj/TypDokumentu 308000/308 (RO), numbering from
//             CDN.DefinicjeDokumentow.Item("DDf_Symbol='RO'") into Numerator.DefinicjaDokumentu, NumerObcy = the
//             order, TypNB 2 (gross), CenaT, OdbNazwa1/2 + OdbAdres.* + OdbTelefon/OdbEmail, the one-off buyer
//             Knt_Kod='!NIEOKREŚLONY!', a service item for shipping named with UstawNazweTowaru, a new card saved
//             before it becomes the document's Podmiot.
// Everything else is marked UNCONFIRMED where it is used.
import type { BridgeCustomer, BridgeDocumentKind, BridgeLine, CreateDocumentRequest, OneOffBuyer } from '../core/erp/bridge/contract';
import { type ComObject, type ComValue, objectAt, objectOf, sqlLiteral, textOfCom } from './com/types';
import { refused } from './errors';
import { isValidNip, normalizeNip } from './nip';

/** TypDokumentu and Rodzaj per kind. RO [SHOPS] and FS [COMARCH]; PA 305 and PF 320 from Comarch's FAQ type table. */
export const DOCUMENT_CODES: Record<BridgeDocumentKind, { type: number; rodzaj: number }> = {
  RO: { type: 308, rodzaj: 308000 },
  FS: { type: 302, rodzaj: 302000 },
  // UNCONFIRMED: the Rodzaj of a plain PA (305000) and PF (320000), by analogy with 302000 and 308000.
  PA: { type: 305, rodzaj: 305000 },
  PF: { type: 320, rodzaj: 320000 },
};

/** Symbols of the standard document definitions. RO [SHOPS]; FS, PA and FPF are UNCONFIRMED defaults. */
export const DEFAULT_DEFINITIONS: Record<BridgeDocumentKind, string> = { RO: 'RO', PF: 'FPF', FS: 'FS', PA: 'PA' };
export const DEFAULT_SHIPPING_ITEM = 'TRANSPORT';
/** The one-off buyer's card code [SHOPS]. */
export const ONE_OFF_BUYER_CODE = '!NIEOKREŚLONY!';
/** Optima's limit on a contractor code (Knt_Kod). */
export const CONTRACTOR_CODE_LENGTH = 20;

export interface MappedDocument {
  erpId: number;
  number: string;
  warnings: string[];
}

/** Optima's country field holds names (the samples write "Polska"); other countries keep their ISO code. */
function countryName(code: string): string {
  return code.toUpperCase() === 'PL' || code === '' ? 'Polska' : code.toUpperCase();
}

/** "ul. Długa 1/3" → street "ul. Długa", house "1", flat "3" (Optima keeps them apart). */
export function splitStreet(street: string): { street: string; house: string; flat: string } {
  const match = /^(.*\D)\s+(\d+[A-Za-z]?)(?:\s*\/\s*(\w+))?$/.exec(street.trim());
  return match ? { street: match[1]!.trim(), house: match[2]!, flat: match[3] ?? '' } : { street: street.trim(), house: '', flat: '' };
}

function setAddress(address: ComObject, value: { street: string; postcode: string; city: string; country: string }): void {
  const parts = splitStreet(value.street);
  address.set('Ulica', parts.street);
  address.set('NrDomu', parts.house);
  address.set('NrLokalu', parts.flat);
  address.set('KodPocztowy', value.postcode);
  address.set('Miasto', value.city);
  address.set('Kraj', countryName(value.country));
}

/** A contractor code from the buyer: letters and digits of the company or name, upper case, at most 20. */
export function contractorCode(customer: Pick<BridgeCustomer, 'company' | 'name' | 'email'>): string {
  const source = customer.company || customer.name || customer.email.split('@')[0] || 'KLIENT';
  const code = source.toLocaleUpperCase('pl-PL').replace(/[^\p{L}\p{N}]+/gu, '');
  return (code || 'KLIENT').slice(0, CONTRACTOR_CODE_LENGTH);
}

/** The n-th code for a buyer whose plain code is another buyer's card: "KOWALSKIJAN~2", still ≤ 20. */
export function numberedCode(code: string, n: number): string {
  if (n === 1) return code;
  const suffix = `~${n}`;
  return code.slice(0, CONTRACTOR_CODE_LENGTH - suffix.length) + suffix;
}

/** Optima's local dates: a YYYY-MM-DD day at local midnight (COM dates carry no zone). */
export function localDay(isoDate: string): Date {
  const [year, month, day] = isoDate.split('-').map(Number);
  return new Date(year!, month! - 1, day!);
}

/** Item(filter) throws when nothing matches (the simulator does the same); absence is an answer here. */
function tryItem(collection: ComObject, filter: string): ComObject | undefined {
  try {
    return objectOf(collection.call('Item', filter), `Item(${filter})`);
  } catch {
    return undefined;
  }
}

function collection(session: ComObject, progId: string): ComObject {
  return objectOf(session.call('CreateObject', progId, null), `CreateObject(${progId})`);
}

function round2(value: number): number {
  return Math.round(value * 100 + Number.EPSILON * Math.sign(value)) / 100;
}

/** Dictionaries the document needs, looked up before anything is written (a refusal leaves no trace in Optima). */
interface Dictionaries {
  definition: ComObject;
  payment: ComObject;
  items: Map<string, ComObject>;
}

function lookUpDictionaries(session: ComObject, request: CreateDocumentRequest): Dictionaries {
  const symbol = request.options?.definition || DEFAULT_DEFINITIONS[request.kind];
  const definition = tryItem(collection(session, 'CDN.DefinicjeDokumentow'), `DDf_Symbol=${sqlLiteral(symbol)}`);
  if (!definition)
    throw refused('UNKNOWN_DEFINITION', `Optima has no document definition with the symbol "${symbol}"`, { field: 'options.definition' });
  // UNCONFIRMED: FPl_Nazwa as the filter column of CDN.FormyPlatnosci (the samples select by FPl_FPlId).
  const payment = tryItem(collection(session, 'CDN.FormyPlatnosci'), `FPl_Nazwa=${sqlLiteral(request.payment.method)}`);
  if (!payment)
    throw refused('UNKNOWN_PAYMENT', `Optima has no payment method "${request.payment.method}"`, {
      method: request.payment.method,
      field: 'payment.method',
    });
  const towary = collection(session, 'CDN.Towary');
  const items = new Map<string, ComObject>();
  for (const line of request.lines) {
    if (!line.sku)
      throw refused('UNKNOWN_SKU', `The line "${line.name}" has no SKU, so it cannot be found in Optima`, { sku: '', field: 'lines.sku' });
    if (items.has(line.sku)) continue;
    const item = tryItem(towary, `Twr_Kod=${sqlLiteral(line.sku)}`);
    if (!item)
      throw refused('UNKNOWN_SKU', `Optima has no item with the code "${line.sku}" (${line.name})`, { sku: line.sku, field: 'lines.sku' });
    items.set(line.sku, item);
  }
  if (request.shipping) {
    const code = request.options?.shippingItem || DEFAULT_SHIPPING_ITEM;
    const item = tryItem(towary, `Twr_Kod=${sqlLiteral(code)}`);
    if (!item)
      throw refused('UNKNOWN_SHIPPING_ITEM', `Optima has no service item "${code}" for the shipping cost`, {
        sku: code,
        field: 'options.shippingItem',
      });
    items.set(`\u0000shipping`, item);
  }
  return { definition, payment, items };
}

/** The same party: the same NIP, or (without one) no NIP on the card and no other e-mail address. */
function sameParty(card: ComObject, nip: string | undefined, email: string): boolean {
  // UNCONFIRMED: Nip and Email as readable properties of a contractor card (the PrestaShop importer writes them).
  const cardNip = normalizeNip(textOfCom(card.get('Nip')));
  if (nip) return cardNip === nip;
  const cardEmail = textOfCom(card.get('Email')).trim().toLowerCase();
  return !cardNip && (!cardEmail || !email || cardEmail === email);
}

function createContractor(session: ComObject, customer: BridgeCustomer, code: string, nip: string | undefined): ComObject {
  const kontrahenci = collection(session, 'CDN.Kontrahenci');
  const card = objectOf(kontrahenci.call('AddNew', null), 'Kontrahenci.AddNew');
  card.set('Akronim', code);
  card.set('Nazwa1', customer.company || customer.name);
  card.set('Nazwa2', customer.company ? customer.name : '');
  if (customer.email) card.set('Email', customer.email);
  // UNCONFIRMED: Telefon on IKontrahent (written by the PrestaShop importer, not by Comarch's sample).
  if (customer.phone) card.set('Telefon', customer.phone);
  setAddress(objectAt(card, 'Adres'), customer.address);
  // UNCONFIRMED: the third argument of UstawNIP (1 in Comarch's sample).
  if (nip) objectAt(card, 'NumerNIP').call('UstawNIP', 'PL', nip, 1);
  session.call('Save');
  // The importers fetch a saved card again before it becomes the Podmiot [SHOPS].
  return objectOf(collection(session, 'CDN.Kontrahenci').call('Item', `Knt_KntId=${Number(card.get('ID'))}`), 'Kontrahenci.Item');
}

/** The buyer's card: by NIP, then e-mail, then code; created when missing; or the one-off buyer by policy. */
function contractorFor(session: ComObject, customer: BridgeCustomer, policy: OneOffBuyer): { card: ComObject; oneOff: boolean } {
  const nip = normalizeNip(customer.taxId);
  const kontrahenci = collection(session, 'CDN.Kontrahenci');
  if (policy === 'always' || (policy === 'consumers' && !nip)) {
    const card = tryItem(kontrahenci, `Knt_Kod=${sqlLiteral(ONE_OFF_BUYER_CODE)}`);
    if (!card)
      throw refused('OPTIMA_REFUSED', `Optima has no one-off buyer card "${ONE_OFF_BUYER_CODE}"`, { field: 'options.oneOffBuyer' });
    return { card, oneOff: true };
  }
  // UNCONFIRMED: Knt_NipE (the NIP without dashes) and Knt_Email as filter columns of CDN.Kontrahenci.
  const byNip = nip ? tryItem(kontrahenci, `Knt_NipE=${sqlLiteral(nip)}`) : undefined;
  if (byNip) return { card: byNip, oneOff: false };
  const email = customer.email.trim().toLowerCase();
  const byEmail = email ? tryItem(kontrahenci, `Knt_Email=${sqlLiteral(customer.email.trim())}`) : undefined;
  if (byEmail && sameParty(byEmail, nip, email)) return { card: byEmail, oneOff: false };
  const base = contractorCode(customer);
  for (let n = 1; n <= 99; n++) {
    const code = numberedCode(base, n);
    const byCode = tryItem(kontrahenci, `Knt_Kod=${sqlLiteral(code)}`);
    if (!byCode) return { card: createContractor(session, customer, code, nip), oneOff: false };
    if (sameParty(byCode, nip, email)) return { card: byCode, oneOff: false };
  }
  throw refused('OPTIMA_REFUSED', `Every contractor code from "${base}" to "${numberedCode(base, 99)}" belongs to another buyer`);
}

function unitPrice(line: Pick<BridgeLine, 'unitPriceGross' | 'vatRate'>, priceMode: CreateDocumentRequest['priceMode']): number {
  if (priceMode === 'gross') return line.unitPriceGross;
  const rate = line.vatRate ?? 0;
  return round2((line.unitPriceGross * 100) / (100 + rate));
}

function addLine(document: ComObject, code: string, quantity: number, price: number): ComObject {
  const line = objectOf(objectAt(document, 'Elementy').call('AddNew', null), 'Elementy.AddNew');
  line.set('TowarKod', code);
  line.set('Ilosc', quantity);
  // CenaT: the price after discount in the document's mode (TypNB), as the importers set it [SHOPS].
  line.set('CenaT', price);
  return line;
}

/** A rate on the order that the item card does not have: the document will carry the card's rate. */
function vatWarning(item: ComObject, line: Pick<BridgeLine, 'vatRate' | 'name'>, code: string): string | undefined {
  if (line.vatRate === null) return undefined;
  const cardRate = Number(item.get('Stawka') as ComValue);
  return Number.isFinite(cardRate) && cardRate !== line.vatRate
    ? `${code} (${line.name}): the order says VAT ${line.vatRate}%, the item card in Optima ${cardRate}%; the document uses the card's rate`
    : undefined;
}

/** Creates the document of the request in the session's company and saves it. Throws BridgeJobError(422). */
export function createDocument(session: ComObject, request: CreateDocumentRequest): MappedDocument {
  const nip = normalizeNip(request.customer.taxId);
  // Not ten digits cannot be a Polish NIP at all; a checksum that does not match is only a warning, as
  // Optima's own card warns and still saves (UNCONFIRMED: Optima's behaviour).
  if (nip && !/^\d{10}$/.test(nip))
    throw refused('INVALID_NIP', `"${request.customer.taxId ?? ''}" is not a NIP (10 digits)`, { field: 'customer.taxId' });
  const nipWarning = nip && !isValidNip(nip) ? [`the NIP ${nip} fails its checksum: check the buyer's tax id`] : [];
  const dictionaries = lookUpDictionaries(session, request);
  const { card, oneOff } = contractorFor(session, request.customer, request.options?.oneOffBuyer ?? 'never');
  const codes = DOCUMENT_CODES[request.kind];
  const document = objectOf(collection(session, 'CDN.DokumentyHaMag').call('AddNew', null), 'DokumentyHaMag.AddNew');
  document.set('Rodzaj', codes.rodzaj);
  document.set('TypDokumentu', codes.type);
  const numerator = objectAt(document, 'Numerator');
  numerator.set('DefinicjaDokumentu', dictionaries.definition);
  // UNCONFIRMED: Rejestr as the numerator's series property.
  if (request.options?.series) numerator.set('Rejestr', request.options.series);
  document.set('Bufor', request.buffer ? 1 : 0);
  document.set('DataDok', localDay(request.issueDate));
  document.set('Podmiot', card);
  if (oneOff) {
    // UNCONFIRMED: PodNazwa1/2 and PodAdres, the buyer's data on the document, named like OdbNazwa1/2 and OdbAdres.
    const { customer } = request;
    document.set('PodNazwa1', customer.company || customer.name);
    document.set('PodNazwa2', customer.company ? customer.name : '');
    setAddress(objectAt(document, 'PodAdres'), customer.address);
  }
  document.set('WalutaSymbol', request.currency ?? 'PLN');
  document.set('TypNB', request.priceMode === 'gross' ? 2 : 1);
  document.set('FormaPlatnosci', dictionaries.payment);
  document.set('NumerObcy', request.externalId);
  // UNCONFIRMED: Opis on IDokumentHaMag (the column TrN_Opis exists).
  if (request.notes) document.set('Opis', request.notes.slice(0, 1024));
  if (request.delivery) {
    const { delivery } = request;
    document.set('OdbNazwa1', delivery.company || delivery.name);
    document.set('OdbNazwa2', delivery.company ? delivery.name : '');
    setAddress(objectAt(document, 'OdbAdres'), delivery.address);
    if (delivery.phone) document.set('OdbTelefon', delivery.phone);
    if (delivery.email) document.set('OdbEmail', delivery.email);
  }
  const warnings: string[] = [...nipWarning];
  for (const line of request.lines) {
    const item = dictionaries.items.get(line.sku)!;
    addLine(document, line.sku, line.quantity, unitPrice(line, request.priceMode));
    const warning = vatWarning(item, line, line.sku);
    if (warning) warnings.push(warning);
  }
  if (request.shipping) {
    const code = request.options?.shippingItem || DEFAULT_SHIPPING_ITEM;
    const line = addLine(
      document,
      code,
      1,
      unitPrice({ unitPriceGross: request.shipping.priceGross, vatRate: request.shipping.vatRate }, request.priceMode),
    );
    line.call('UstawNazweTowaru', request.shipping.name);
  }
  session.call('Save');
  return { erpId: Number(document.get('ID')), number: textOfCom(document.get('NumerPelny')), warnings };
}

/** Which of the payment methods, definitions and item codes the mapping would find (erp test). */
export function checkDictionaries(session: ComObject, query: { paymentMethods: string[]; definitions: string[]; items: string[] }) {
  const payments = collection(session, 'CDN.FormyPlatnosci');
  const definitions = collection(session, 'CDN.DefinicjeDokumentow');
  const items = collection(session, 'CDN.Towary');
  return {
    paymentMethods: query.paymentMethods.map((name) => ({ name, found: tryItem(payments, `FPl_Nazwa=${sqlLiteral(name)}`) !== undefined })),
    definitions: query.definitions.map((symbol) => ({
      symbol,
      found: tryItem(definitions, `DDf_Symbol=${sqlLiteral(symbol)}`) !== undefined,
    })),
    items: query.items.map((code) => {
      const item = tryItem(items, `Twr_Kod=${sqlLiteral(code)}`);
      // UNCONFIRMED: Typ 1 = service on an item card (Twr_Typ).
      return { code, found: item !== undefined, service: item !== undefined && Number(item.get('Typ')) === 1 };
    }),
  };
}
