import { defineMessages } from '../i18n/define-messages';

export const accessMessages = defineMessages({}, {});
