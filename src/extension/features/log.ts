// "Show log": the extension's one output channel.
import type { Feature } from '../context';

export const logFeature: Feature = ({ extension, channel, commands }) => {
  extension.subscriptions.push(commands.register('optimaSync.showLog', () => channel.show(true)));
};
