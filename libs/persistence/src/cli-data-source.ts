import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from './data-source.options';

// Entry point of the TypeORM CLI (`npm run migration:generate`), which needs a running database.
const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL must be set for the TypeORM CLI');

export default new DataSource(buildDataSourceOptions(url));
