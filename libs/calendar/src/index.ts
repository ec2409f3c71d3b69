export * from './working-day-calendar';
export * from './holiday-source';
export * from './chinese-days.source';
export * from './calendar-overrides';
export * from './calendar-overrides.loader';
export * from './create-working-day-calendar';
export * from './estimate-working-days';
