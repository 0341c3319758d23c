// The demo shop: an in-process shop whose orders live in .optima-sync/demo-shop.json inside the deployment,
// so a sync in one process and a status change in another see the same shop. Receives PDFs into
// .optima-sync/demo-shop/pdf/. Nothing leaves the machine.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Clock } from '../../clock';
import { t } from '../../l10n';
import type { ShopOrder } from '../../model/order';
import type { OrderPage, SalesPdfUpload, ShopConnector, ShopStatus } from '../connector';
import { PLATFORM_CAPABILITIES } from '../capabilities';
import { listByKeyset } from '../cursor';
import { ShopError } from '../errors';
import { sampleOrders } from './sample-orders';
import { replacePrivateFile } from '../../deployment/private-files';

export const DEMO_STATUSES: ShopStatus[] = [
  { id: 'new', name: 'Nowe' },
  { id: 'processing', name: 'W realizacji' },
  { id: 'paid', name: 'Opłacone' },
  { id: 'shipped', name: 'Wysłane' },
  { id: 'completed', name: 'Zakończone' },
  { id: 'cancelled', name: 'Anulowane' },
];

export interface DemoShopFile {
  version: 1;
  orders: ShopOrder[];
  statusChanges: Array<{ orderId: string; from: string; to: string; at: string }>;
  uploads: Array<{ orderId: string; fileName: string; documentNumber: string; kind: 'FS' | 'PA'; file: string; bytes: number; at: string }>;
}

export function demoShopFile(dir: string): string {
  return path.join(dir, '.optima-sync', 'demo-shop.json');
}

export function demoPdfFolder(dir: string): string {
  return path.join(dir, '.optima-sync', 'demo-shop', 'pdf');
}

const queues = new Map<string, Promise<unknown>>();

/** Read-modify-write of the shop file one at a time per folder: a sync pass changes several orders at once. */
function exclusive<T>(dir: string, task: () => Promise<T>): Promise<T> {
  const result = (queues.get(dir) ?? Promise.resolve()).catch(() => undefined).then(task);
  queues.set(
    dir,
    result.catch(() => undefined),
  );
  return result;
}

async function save(dir: string, shop: DemoShopFile): Promise<void> {
  await replacePrivateFile(demoShopFile(dir), JSON.stringify(shop, null, 2) + '\n');
}

/** Writes the sample orders (replacing any demo shop there), or keeps an existing one with keepExisting. */
export async function seedDemoShop(dir: string, options: { now: Date; keepExisting?: boolean }): Promise<ShopOrder[]> {
  if (options.keepExisting) {
    try {
      return (await load(dir)).orders;
    } catch {
      // no shop yet: seed
    }
  }
  const shop: DemoShopFile = { version: 1, orders: sampleOrders(options.now), statusChanges: [], uploads: [] };
  await save(dir, shop);
  return shop.orders;
}

async function load(dir: string): Promise<DemoShopFile> {
  const text = await fs.readFile(demoShopFile(dir), 'utf8');
  return JSON.parse(text) as DemoShopFile;
}

/** The demo shop's file, seeded on first use. */
export async function loadDemoShop(dir: string, now: Date): Promise<DemoShopFile> {
  try {
    return await load(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    await seedDemoShop(dir, { now });
    return load(dir);
  }
}

export async function listDemoOrders(dir: string, now: Date): Promise<ShopOrder[]> {
  return (await loadDemoShop(dir, now)).orders;
}

/** Changes an order's status as the merchant would in the shop's back office. */
export async function setDemoOrderStatus(dir: string, orderId: string, status: string, now: Date): Promise<ShopOrder> {
  return exclusive(dir, async () => {
    if (!DEMO_STATUSES.some((s) => s.id === status)) {
      throw new ShopError(
        t('The demo shop has no status "{0}" (statuses: {1})', status, DEMO_STATUSES.map((s) => s.id).join(', ')),
        'request',
        'demo',
        400,
      );
    }
    const shop = await loadDemoShop(dir, now);
    const order = shop.orders.find((o) => o.id === orderId || o.number === orderId);
    if (!order) throw new ShopError(t('The demo shop has no order {0}', orderId), 'notFound', 'demo', 404);
    if (order.status !== status) {
      shop.statusChanges.push({ orderId: order.id, from: order.status, to: status, at: now.toISOString() });
      order.status = status;
      order.statusName = DEMO_STATUSES.find((s) => s.id === status)?.name;
      // Strictly increasing change times keep the incremental listing exact across processes.
      const latest = Math.max(...shop.orders.map((o) => Date.parse(o.updatedAt)));
      order.updatedAt = new Date(Math.max(now.getTime(), latest + 1)).toISOString();
      await save(dir, shop);
    }
    return order;
  });
}

export class DemoShopConnector implements ShopConnector {
  readonly platform = 'demo';
  readonly capabilities = { ...PLATFORM_CAPABILITIES.demo };

  constructor(
    private readonly dir: string,
    private readonly now: Clock,
    private readonly pageSize = 50,
  ) {}

  async listOrders(cursor: string | undefined, statuses: readonly string[]): Promise<OrderPage> {
    const shop = await loadDemoShop(this.dir, this.now());
    const sorted = [...shop.orders].sort((a, b) => a.updatedAt.localeCompare(b.updatedAt) || Number(a.id) - Number(b.id));
    return listByKeyset<ShopOrder>(
      {
        fetch: async (since, offset) => {
          const rows = sorted.filter((o) => (!since || o.updatedAt >= since) && (statuses.length === 0 || statuses.includes(o.status)));
          const page = rows.slice(offset, offset + this.pageSize);
          return { items: page.map((raw) => ({ key: raw.updatedAt, id: raw.id, raw })), more: offset + page.length < rows.length };
        },
        normalize: async (raws) => raws.map((o) => ({ ...o, statusName: DEMO_STATUSES.find((s) => s.id === o.status)?.name })),
      },
      cursor,
    );
  }

  async getOrder(id: string): Promise<ShopOrder> {
    const order = (await loadDemoShop(this.dir, this.now())).orders.find((o) => o.id === id);
    if (!order) throw new ShopError(t('The demo shop has no order {0}', id), 'notFound', 'demo', 404);
    return order;
  }

  async listStatuses(): Promise<ShopStatus[]> {
    return DEMO_STATUSES.map((s) => ({ ...s }));
  }

  async setStatus(orderId: string, status: string): Promise<void> {
    await setDemoOrderStatus(this.dir, orderId, status, this.now());
  }

  async uploadSalesPdf(orderId: string, pdf: SalesPdfUpload): Promise<void> {
    await exclusive(this.dir, async () => {
      const shop = await loadDemoShop(this.dir, this.now());
      if (!shop.orders.some((o) => o.id === orderId))
        throw new ShopError(t('The demo shop has no order {0}', orderId), 'notFound', 'demo', 404);
      const safeName = `${orderId}-${pdf.fileName}`.replace(/[^\w.-]+/g, '_');
      const file = path.join(demoPdfFolder(this.dir), safeName);
      await replacePrivateFile(file, pdf.bytes);
      shop.uploads.push({
        orderId,
        fileName: pdf.fileName,
        documentNumber: pdf.documentNumber,
        kind: pdf.kind,
        file: path.relative(this.dir, file),
        bytes: pdf.bytes.byteLength,
        at: this.now().toISOString(),
      });
      await save(this.dir, shop);
    });
  }

  async testConnection(): Promise<{ ok: true; detail: string }> {
    const shop = await loadDemoShop(this.dir, this.now());
    return { ok: true, detail: t('Demo shop with {0} orders in {1}', shop.orders.length, path.relative(this.dir, demoShopFile(this.dir))) };
  }
}
