// The ONLY module that imports @vscode/webview-ui-toolkit (1.4.0, pinned; archived upstream): it registers
// the components the form uses. Replacing the toolkit means replacing this file and the element names.
import {
  provideVSCodeDesignSystem,
  vsCodeButton,
  vsCodeCheckbox,
  vsCodeDropdown,
  vsCodeLink,
  vsCodeOption,
  vsCodeTextField,
} from '@vscode/webview-ui-toolkit';

export function registerToolkit(): void {
  provideVSCodeDesignSystem().register(vsCodeButton(), vsCodeCheckbox(), vsCodeDropdown(), vsCodeLink(), vsCodeOption(), vsCodeTextField());
}
