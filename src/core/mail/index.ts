// E-mail: SMTP transport with test mode, templates, preview model. Callers import from here.
export {
  createMailer,
  DEFAULT_TIMEOUTS,
  MailConfigurationError,
  MailHaltedError,
  missingPasswordMessage,
  ORIGINAL_RECIPIENT_HEADERS,
  SmtpError,
} from './mailer';
export { isLoopbackHost, transportWarnings } from './transport';
export type { Timeouts } from './mailer';
export type { ConsultantMessage, Mailer, MailerOptions, OutgoingAttachment, OutgoingMessage, SendResult } from './mailer-contract';
export { InvalidAddressError, parseAddress, plannedRecipients } from './recipients';
export type { EmailSettings, PlannedRecipients } from './recipients';
export { diagnoseSmtp, diagnoseSmtpError } from './diagnose';
export type { SmtpDiagnosis, SmtpFailureScope } from './diagnose';
export { commonSmtpPorts, securityMode } from './ports';
export type { SmtpPort } from './ports';
export { buildTemplateContext } from './context';
export type { TemplateContext } from './context';
export { formatDate, formatMoney } from './format';
export { checkTemplates, checkTemplateText } from './template-check';
export {
  cleanSubject,
  formatTemplateProblem,
  loadTemplateSource,
  plainTextOf,
  renderEmail,
  renderSource,
  sampleContext,
  templateBodyPath,
  templateBodyPathToWrite,
  TemplateError,
  withSettingsText,
} from './templates';
export type { RenderedEmail, TemplatePart, TemplateProblem, TemplateSource } from './templates';
export { SAMPLE_ERP_DOCUMENT, SAMPLE_ORDER, SAMPLE_SALES_DOCUMENT } from './sample';
export { flattenVariables, TEMPLATE_VARIABLES, unknownVariablePath, variableAt } from './variables';
export type { VariableNode } from './variables';
export { buildPreview, plannedAttachmentNames } from './preview';
export type { EmailPreview, PreviewAttachment, PreviewInput } from './preview';
export { defaultTestAddress, defaultTestTemplate, describeTestEmail, sendTestEmail } from './test-email';
export type { TestEmailResult } from './test-email';
export { salesPdfAttachment } from './attachments';
