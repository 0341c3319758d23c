// A private message on a PrestaShop order (staff only, shown in the order's Messages block): the order's
// customer thread (customer_threads, created when the order has none) gets a customer_message with
// private=1. PrestaShop has no core webservice for a file on an order, so the sales-document number goes here.
import { randomBytes } from 'node:crypto';
import { t } from '../l10n';

export interface PsApi {
  list<T>(resource: string, query: Record<string, string>, what: string): Promise<T[]>;
  /** POSTs XML; the answer's text. */
  post(resource: string, xml: string, what: string): Promise<string>;
}

const cdata = (value: string | number) => `<![CDATA[${String(value).replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;

export async function writePrivateOrderMessage(api: PsApi, orderId: string, message: string): Promise<void> {
  const [thread] = await api.list<{ id: number | string }>('customer_threads', { display: '[id]', 'filter[id_order]': `[${Number(orderId)}]` }, 'find the order\'s message thread');
  let threadId: string | undefined = thread ? String(thread.id) : undefined;
  if (threadId === undefined) {
    const [order] = await api.list<{ id_customer: string; id_lang?: string; id_shop?: string }>('orders', { display: '[id,id_customer,id_lang,id_shop]', 'filter[id]': `[${Number(orderId)}]` }, 'fetch an order');
    const [customer] = order ? await api.list<{ email: string }>('customers', { display: '[id,email]', 'filter[id]': `[${Number(order.id_customer)}]` }, 'read customers') : [];
    // id_contact 0: no contact form; token: PrestaShop's own threads carry a random one too.
    const xml = `<?xml version="1.0" encoding="UTF-8"?><prestashop><customer_thread><id_lang>${cdata(order?.id_lang ?? 1)}</id_lang><id_shop>${cdata(order?.id_shop ?? 1)}</id_shop>` +
      `<id_customer>${cdata(order?.id_customer ?? 0)}</id_customer><id_order>${cdata(Number(orderId))}</id_order><id_contact>0</id_contact><email>${cdata(customer?.email ?? '')}</email>` +
      `<token>${cdata(randomBytes(6).toString('hex'))}</token><status>open</status></customer_thread></prestashop>`;
    const answer = await api.post('customer_threads', xml, 'create the order\'s message thread');
    threadId = createdId(answer);
    if (threadId === undefined) throw new Error(t('PrestaShop created the message thread but did not say its id: {0}', answer.slice(0, 200)));
  }
  const xml = `<?xml version="1.0" encoding="UTF-8"?><prestashop><customer_message><id_employee>0</id_employee><id_customer_thread>${cdata(String(threadId))}</id_customer_thread>` +
    `<message>${cdata(message)}</message><private>1</private></customer_message></prestashop>`;
  await api.post('customer_messages', xml, 'write the sales-document number to the order');
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
