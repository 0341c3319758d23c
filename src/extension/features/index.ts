// Every feature of the extension, activated in this order. Add a feature: one file in this folder, one line here.
import type { Feature } from '../context';
import { logFeature } from './log';
import { settingsFeature } from './settings';
import { syncFeature } from './sync';
import { settingsFormFeature } from './settings-form';
import { mailFeature } from './mail';
import { stateFeature } from './state';
import { ordersViewFeature } from './orders-view';
import { sandboxFeature } from './sandbox';
import { erpFeature } from './erp';
import { shopFeature } from './shop';

export const features: Feature[] = [logFeature, settingsFeature, settingsFormFeature, syncFeature, mailFeature, stateFeature, ordersViewFeature, erpFeature, shopFeature, sandboxFeature];
