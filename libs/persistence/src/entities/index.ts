/** Every TypeORM entity of the application, registered in one place. */
export const ENTITIES: Function[] = [];
