// BaseLinker (Base.com): one endpoint, POST form `method` + `parameters` (JSON), token in X-BLToken.
// Orders are listed by confirmation time (getOrders, ≤100 per call); totals are computed from the lines.
import { t } from '../l10n';
import type { ShopOrder } from '../model/order';
import { groszeToDecimal } from '../model/money';
import type { MissedOrders, OrderPage, SalesPdfUpload, ShopConnector, ShopStatus } from './connector';
import { type ConnectorDeps, shopUrl } from './base';
import { PLATFORM_CAPABILITIES } from './capabilities';
import { ShopError } from './errors';
import { joinUrl, parseJson } from './http';
import type { BlAnswer } from './baselinker-hooks';
import { baselinkerToShopOrder, type BlOrder } from './baselinker-order';
import { listByKeyset } from './cursor';
import { readJournal } from './baselinker-journal';
import { beforeImportSince, MAX_DETAIL_READS, MembershipBudget, MEMBERSHIP_LOOKBACK_DAYS } from './membership';
import { localToUtcMs } from './normalize';

const PAGE = 100;

export class BaseLinkerConnector implements ShopConnector {
  readonly platform = 'baselinker';
  readonly capabilities = { ...PLATFORM_CAPABILITIES.baselinker };
  private readonly endpoint: string;
  private statusNames?: Map<string, string>;

  constructor(private readonly deps: ConnectorDeps) {
    this.endpoint = joinUrl(shopUrl(deps.settings, 'https://api.baselinker.com'), 'connector.php');
  }

  private async call<T>(
    method: string,
    parameters: Record<string, unknown>,
    what: string,
    options: { idempotent?: boolean; setting?: string } = {},
  ): Promise<T & BlAnswer> {
    const body = new URLSearchParams({ method, parameters: JSON.stringify(parameters) }).toString();
    const response = await this.deps.http.send({
      method: 'POST',
      url: this.endpoint,
      headers: { 'X-BLToken': this.deps.credentials.shopKey!, 'Content-Type': 'application/x-www-form-urlencoded' },
      body,
      idempotent: options.idempotent ?? true,
      what,
      setting: options.setting,
    });
    return parseJson<T & BlAnswer>(response.text, 'BaseLinker', what);
  }

  async listOrders(cursor: string | undefined, statuses: readonly string[]): Promise<OrderPage> {
    const start = this.importSinceSeconds();
    const onlyStatus = statuses.length === 1 ? Number(statuses[0]) : undefined;
    return listByKeyset<BlOrder>(
      {
        compare: (a, b) => Number(a) - Number(b),
        fetch: async (sinceKey, offset) => {
          const parameters: Record<string, unknown> = { date_confirmed_from: sinceKey ? Number(sinceKey) : start };
          // No offset in getOrders: rows sharing one confirmation second beyond a full page are reached by id.
          if (offset > 0 && cursor) parameters.id_from = this.maxSeenId(cursor) + 1;
          if (onlyStatus !== undefined) parameters.status_id = onlyStatus;
          const answer = await this.call<{ orders: BlOrder[] }>('getOrders', parameters, 'list orders', { setting: 'shop.importStatuses' });
          const orders = [...(answer.orders ?? [])].sort(
            (a, b) => Number(a.date_confirmed) - Number(b.date_confirmed) || Number(a.order_id) - Number(b.order_id),
          );
          return {
            items: orders.map((raw) => ({ key: String(raw.date_confirmed), id: String(raw.order_id), raw })),
            more: orders.length >= PAGE,
          };
        },
        accept: (raw) => statuses.length === 0 || statuses.includes(String(raw.order_status_id)),
        normalize: async (raws) => {
          const names = await this.statusNameMap();
          return raws.map((raw) => this.toOrder(raw, names));
        },
      },
      cursor,
    );
  }

  /**
   * The journal (getJournalList: creations and status changes since the last log id) names the orders to
   * look at; then the orders now in each import status, confirmed in the last days, are checked as well.
   */
  async listMissed(statuses: readonly string[], known: (id: string) => boolean, cursor: string | undefined): Promise<MissedOrders> {
    const accept = (raw: BlOrder) =>
      statuses.includes(String(raw.order_status_id)) &&
      !known(String(raw.order_id)) &&
      !beforeImportSince(this.deps.settings, Number(raw.date_add) * 1000);
    const found = new Map<string, BlOrder>();
    const journal = await readJournal(
      (parameters) => this.call('getJournalList', parameters, 'read the order journal'),
      cursor,
      statuses,
      known,
      MAX_DETAIL_READS,
    );
    for (const id of journal.orderIds) {
      const answer = await this.call<{ orders: BlOrder[] }>('getOrders', { order_id: Number(id) }, 'fetch an order');
      for (const raw of answer.orders ?? []) if (accept(raw)) found.set(String(raw.order_id), raw);
    }
    const budget = new MembershipBudget(() => this.deps.http.ticks());
    // With the journal, the recent days are a safety net; without it, the whole status is the only source.
    const floor = journal.off
      ? this.importSinceSeconds()
      : Math.floor(this.deps.now().getTime() / 1000) - MEMBERSHIP_LOOKBACK_DAYS * 86_400;
    for (const status of statuses)
      await this.checkStatusNewestFirst(Number(status), floor, budget, (raw) => {
        if (accept(raw)) found.set(String(raw.order_id), raw);
      });
    const names = found.size ? await this.statusNameMap() : new Map<string, string>();
    const notices = [
      ...(journal.off
        ? [
            t(
              'BaseLinker: the order journal (getJournalList) is not enabled for this account, so orders moved into an import status are found only by reading the import statuses, newest first. Ask Base support to enable the journal for the API.',
            ),
          ]
        : []),
      ...budget.cutShort.map((cut) =>
        t(
          'BaseLinker: the check of status {0} ran out of time: every order confirmed since {1} was checked; the older ones are checked when a pass has time left.',
          cut.status,
          cut.reachedBack,
        ),
      ),
    ];
    return {
      orders: [...found.values()].map((raw) => this.toOrder(raw, names)),
      cursor: journal.cursor,
      notice: notices.length ? notices.join(' ') : undefined,
    };
  }

  private importSinceSeconds(): number {
    const since = this.deps.settings.shop.importSince;
    return since ? Math.floor(localToUtcMs(`${since} 00:00:00`, this.deps.settings.timezone ?? 'Europe/Warsaw') / 1000) : 1;
  }

  /**
   * The orders of one status, newest first: getOrders only pages forward from a confirmation time, so windows
   * step back from now (a day, then twice as long each time) and each is paged forward to where the previous
   * began. The budget stops it between pages; the newest orders, the ones most likely moved recently, come first.
   */
  private async checkStatusNewestFirst(
    status: number,
    floor: number,
    budget: MembershipBudget,
    each: (raw: BlOrder) => void,
  ): Promise<void> {
    let upper = Math.floor(this.deps.now().getTime() / 1000) + 86_400;
    for (let width = 86_400; upper > floor; width *= 2) {
      const lower = Math.max(floor, upper - width);
      for (let since = lower; ;) {
        // Every window after this one was read whole: the orders confirmed since its upper end were all checked.
        if (budget.spent) return budget.note(String(status), `${new Date(upper * 1000).toISOString().slice(0, 16).replace('T', ' ')} UTC`);
        const answer = await this.call<{ orders: BlOrder[] }>(
          'getOrders',
          { date_confirmed_from: since, status_id: status },
          'check the orders in the import statuses',
          { setting: 'shop.importStatuses' },
        );
        const orders = answer.orders ?? [];
        for (const raw of orders) if (Number(raw.date_confirmed) < upper) each(raw);
        const last = Math.max(0, ...orders.map((o) => Number(o.date_confirmed)));
        if (orders.length < PAGE || last >= upper) break;
        since = last + 1;
      }
      upper = lower;
    }
  }

  private maxSeenId(cursor: string): number {
    const parsed = JSON.parse(cursor) as { seen: string[] };
    return Math.max(0, ...parsed.seen.map(Number));
  }

  private async statusNameMap(): Promise<Map<string, string>> {
    if (!this.statusNames) this.statusNames = new Map((await this.listStatuses()).map((s) => [s.id, s.name]));
    return this.statusNames;
  }

  async getOrder(id: string): Promise<ShopOrder> {
    const answer = await this.call<{ orders: BlOrder[] }>(
      'getOrders',
      { order_id: Number(id), get_unconfirmed_orders: true },
      'fetch an order',
    );
    const raw = answer.orders?.[0];
    if (!raw) throw new ShopError(t('BaseLinker has no order {0}', id), 'notFound', this.platform);
    return this.toOrder(raw, await this.statusNameMap());
  }

  toOrder(raw: BlOrder, names: Map<string, string>): ShopOrder {
    return baselinkerToShopOrder(raw, names);
  }

  async listStatuses(): Promise<ShopStatus[]> {
    const answer = await this.call<{ statuses: Array<{ id: number; name: string }> }>('getOrderStatusList', {}, 'list order statuses');
    return (answer.statuses ?? []).map((s) => ({ id: String(s.id), name: s.name }));
  }

  async setStatus(orderId: string, status: string): Promise<void> {
    await this.call('setOrderStatus', { order_id: Number(orderId), status_id: Number(status) }, 'set the order status', {
      setting: 'afterImport.setStatus.status / afterRealization.setStatus.status',
    });
  }

  async uploadSalesPdf(orderId: string, pdf: SalesPdfUpload): Promise<void> {
    if (pdf.kind !== 'FS') {
      throw new ShopError(
        t('BaseLinker: receipts (PA) are not uploaded; only invoices (FS) have a documented upload (addOrderInvoiceFile)'),
        'capability',
        this.platform,
      );
    }
    if (pdf.documentNumber.length > 30) {
      throw new ShopError(
        t('BaseLinker accepts document numbers of at most 30 characters: {0}', pdf.documentNumber),
        'request',
        this.platform,
      );
    }
    const invoiceId = await this.invoiceFor(orderId);
    await this.call(
      'addOrderInvoiceFile',
      {
        invoice_id: invoiceId,
        file: 'data:' + Buffer.from(pdf.bytes).toString('base64'),
        external_invoice_number: pdf.documentNumber,
      },
      'upload the sales-document PDF',
    );
    this.deps.logger.debug(
      `BaseLinker: ${pdf.fileName} (${groszeToDecimal(pdf.totalGross)} ${pdf.currency}) attached to invoice ${invoiceId} of order ${orderId}`,
    );
  }

  /** The BaseLinker invoice of the order that carries the file: an existing one, else a new one in the configured series. */
  private async invoiceFor(orderId: string): Promise<number> {
    const existing = await this.call<{ invoices?: Array<{ invoice_id: number }> }>(
      'getInvoices',
      { order_id: Number(orderId), get_external_invoices: false },
      "find the order's invoice",
    );
    const found = existing.invoices?.[0]?.invoice_id;
    if (found) return found;
    const seriesId = this.deps.settings.shop.baselinker?.invoiceSeriesId;
    if (!seriesId) {
      throw new ShopError(
        t('BaseLinker order {0} has no invoice to attach the PDF to; set shop.baselinker.invoiceSeriesId so one can be created', orderId),
        'request',
        this.platform,
      );
    }
    // Creating an invoice is not repeatable safely: no automatic retry after a timeout.
    const created = await this.call<{ invoice_id: number }>(
      'addInvoice',
      { order_id: Number(orderId), series_id: seriesId },
      'create the invoice for the PDF',
      { idempotent: false, setting: 'shop.baselinker.invoiceSeriesId' },
    );
    return created.invoice_id;
  }

  async testConnection(): Promise<{ ok: true; detail: string }> {
    const statuses = await this.listStatuses();
    return { ok: true, detail: t('BaseLinker token accepted; {0} order statuses', statuses.length) };
  }
}
