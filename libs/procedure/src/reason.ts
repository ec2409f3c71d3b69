// The shape is shared with every library's errors; its home is libs/common.
export type { Reason } from '@app/common';
