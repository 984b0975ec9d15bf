import type { BadgeTone } from '../ui/status';

export const STATUS_TONES: Record<string, BadgeTone> = { PENDING: 'info', APPROVED: 'ok', REJECTED: 'danger', WITHDRAWN: 'neutral' };
export const STEP_TONES: Record<string, BadgeTone> = { DONE: 'ok', CURRENT: 'info', WAITING: 'neutral', REJECTED: 'danger', NOT_REACHED: 'neutral' };
