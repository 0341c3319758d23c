// The shop platforms' names as their makers write them (plain data: the settings form shows them too).
import type { Platform } from './order';

export const PLATFORM_NAMES: Readonly<Record<Platform, string>> = {
  prestashop: 'PrestaShop',
  woocommerce: 'WooCommerce',
  baselinker: 'BaseLinker',
  apilo: 'Apilo',
  sellasist: 'SellAsist',
  demo: 'Demo',
};
