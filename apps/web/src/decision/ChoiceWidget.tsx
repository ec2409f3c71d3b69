import type { EnumOptionsType, WidgetProps } from '@rjsf/utils';

/**
 * A choice among values known only when the page loads (registered units, members present at a meeting): the
 * form library's own select, fed from `ui:options.choices`. (Its `enumOptions` come from the schema, which is
 * fixed at build time with the form's precompiled validator, and a ui:enumOptions would be overwritten.)
 */
export function ChoiceWidget(props: WidgetProps) {
  const { SelectWidget } = props.registry.widgets;
  const choices = (props.options.choices ?? []) as EnumOptionsType[];
  return <SelectWidget {...props} options={{ ...props.options, enumOptions: choices }} />;
}

/** The ui schema of a field chosen among `choices` (value sent, label shown). */
export const choiceOf = (choices: { value: string; label: string }[]) => ({ 'ui:widget': 'choice', 'ui:options': { choices } });
