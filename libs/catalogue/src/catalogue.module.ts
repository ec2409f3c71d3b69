import { UnitsModule } from '@app/units';
import { Module } from '@nestjs/common';
import { CatalogueQueryService } from './catalogue-query.service';
import { CatalogueService } from './catalogue.service';

/** The annual decision catalogue (决策事项目录) and its own hash-chained trail. */
@Module({
  imports: [UnitsModule],
  providers: [CatalogueService, CatalogueQueryService],
  exports: [CatalogueService, CatalogueQueryService],
})
export class CatalogueModule {}
