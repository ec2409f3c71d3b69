import { CatalogueModule } from '@app/catalogue';
import { Module } from '@nestjs/common';
import { CataloguesController } from './catalogues.controller';

/** HTTP face of the catalogue library: controllers only, no logic. */
@Module({
  imports: [CatalogueModule],
  controllers: [CataloguesController],
})
export class CataloguesHttpModule {}
