// The stand-in for @vscode/webview-ui-toolkit in the unit tests (see toolkit-stub.ts): registering does nothing.
const component = () => ({});
export const provideVSCodeDesignSystem = () => ({ register: (..._components: unknown[]) => undefined });
export const vsCodeButton = component;
export const vsCodeCheckbox = component;
export const vsCodeDropdown = component;
export const vsCodeLink = component;
export const vsCodeOption = component;
export const vsCodeTextArea = component;
export const vsCodeTextField = component;
