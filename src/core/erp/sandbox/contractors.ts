// The sandbox's stand-in for Optima's contractor-card lookup: the buyer's card is found by tax id, then by
// e-mail; a buyer nobody knows gets a new card.
import type { Database } from 'sql.js';
import type { ShopOrder } from '../../model/order';
import { type ContractorRow, contractorsWhere, insertContractor, type PartySnapshot, setContractorTaxId } from './records';

/** A tax id as comparable digits: spaces and dashes dropped, a "PL" prefix before 10 digits dropped. */
export function normalizeTaxId(taxId: string | undefined): string | undefined {
  const compact = (taxId ?? '').replace(/[\s-]/g, '').toUpperCase();
  if (!compact) return undefined;
  return /^PL\d{10}$/.test(compact) ? compact.slice(2) : compact;
}

export function normalizeEmail(email: string | undefined): string | undefined {
  const trimmed = (email ?? '').trim().toLowerCase();
  return trimmed || undefined;
}

/** The buyer as printed on the document: the order's buyer with its billing address. */
export function buyerSnapshot(order: ShopOrder): PartySnapshot {
  const address = order.billingAddress;
  return {
    name: address.name || order.buyer.name,
    company: order.buyer.company || address.company || undefined,
    taxId: normalizeTaxId(order.buyer.taxId),
    email: normalizeEmail(order.buyer.email),
    phone: order.buyer.phone || address.phone || undefined,
    street: address.street,
    postcode: address.postcode,
    city: address.city,
    country: address.country || 'PL',
  };
}

/** The delivery address, when it differs from the billing one. */
export function recipientSnapshot(order: ShopOrder): PartySnapshot | undefined {
  const billing = order.billingAddress;
  const shipping = order.shippingAddress;
  const same = ['name', 'company', 'street', 'postcode', 'city', 'country'].every(
    (key) => (billing[key as keyof typeof billing] ?? '') === (shipping[key as keyof typeof shipping] ?? ''),
  );
  if (same || !shipping.street) return undefined;
  return {
    name: shipping.name,
    company: shipping.company || undefined,
    phone: shipping.phone || undefined,
    street: shipping.street,
    postcode: shipping.postcode,
    city: shipping.city,
    country: shipping.country || 'PL',
  };
}

/**
 * The buyer's card:
 * 1. a card with the same tax id;
 * 2. else a card with the same e-mail that has no tax id (a company buying for the first time with its tax id
 *    fills the card's tax id in); a card with the same e-mail but another tax id is another company;
 * 3. else a new card.
 */
export function matchContractor(
  database: Database,
  buyer: PartySnapshot,
  createdAt: string,
): { contractor: ContractorRow; matchedBy: 'taxId' | 'email' | 'new' } {
  if (buyer.taxId) {
    const byTaxId = contractorsWhere(database, 'tax_id', buyer.taxId)[0];
    if (byTaxId) return { contractor: byTaxId, matchedBy: 'taxId' };
  }
  if (buyer.email) {
    const byEmail = contractorsWhere(database, 'email', buyer.email).find((card) => !card.taxId);
    if (byEmail) {
      if (buyer.taxId) setContractorTaxId(database, byEmail.id, buyer.taxId);
      return { contractor: { ...byEmail, taxId: buyer.taxId ?? byEmail.taxId }, matchedBy: 'email' };
    }
  }
  const { name, company, taxId, email, phone, street, postcode, city, country } = buyer;
  return {
    contractor: insertContractor(database, { name, company, taxId, email, phone, street, postcode, city, country }, createdAt),
    matchedBy: 'new',
  };
}
