import type { WidgetProps } from '@rjsf/utils';
import { Input } from 'antd';
import { fromBeijingInput, toBeijingInput } from '../shared/format';

/** Date and time typed and shown in Beijing time (the browser's own zone may differ); sent with its +08:00 offset. */
export function BeijingDateTimeWidget({ id, value, onChange, onBlur, onFocus, disabled, readonly }: WidgetProps) {
  return (
    <Input
      id={id}
      type="datetime-local"
      value={toBeijingInput(value as string | undefined)}
      disabled={disabled || readonly}
      onChange={(e) => onChange(fromBeijingInput(e.target.value))}
      onBlur={() => onBlur(id, value)}
      onFocus={() => onFocus(id, value)}
      suffix="北京时间"
    />
  );
}
