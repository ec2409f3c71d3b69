import { DecisionsModule } from '@app/decisions';
import { Module } from '@nestjs/common';
import { CatalogueQueryService } from './catalogue-query.service';
import { CatalogueRepository } from './catalogue.repository';
import { CatalogueService } from './catalogue.service';

/** The annual decision catalogue (决策事项目录) and its own hash-chained trail. */
@Module({
  imports: [DecisionsModule],
  providers: [CatalogueRepository, CatalogueService, CatalogueQueryService],
  exports: [CatalogueService, CatalogueQueryService],
})
export class CatalogueModule {}
