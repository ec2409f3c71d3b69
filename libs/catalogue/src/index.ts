export * from './catalogue.model';
export * from './catalogue-query.service';
export * from './catalogue.service';
export * from './catalogue.module';
export * from './catalogue-trail';
export * from './catalogue.presenter';
