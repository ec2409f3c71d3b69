import { App as AntApp, ConfigProvider, Spin } from 'antd';
import zhCNLocale from 'antd/locale/zh_CN';
import { lazy, Suspense, type ComponentType } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { LoginPage } from '../auth/LoginPage';
import { AppLayout } from './AppLayout';
import { NotFoundPage } from './NotFoundPage';

// Each page is its own file of the build, fetched when first opened (forms, validators, exports are large).
const page = <K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) => lazy(() => load().then((m) => ({ default: m[name] })));
const AuditPage = page(() => import('../audit/AuditPage'), 'AuditPage');
const JurisdictionVerifyPage = page(() => import('../audit/JurisdictionVerifyPage'), 'JurisdictionVerifyPage');
const OidcCallbackPage = page(() => import('../auth/OidcCallbackPage'), 'OidcCallbackPage');
const CataloguePage = page(() => import('../catalogue/CataloguePage'), 'CataloguePage');
const ConsultationsPage = page(() => import('../catalogue/ConsultationsPage'), 'ConsultationsPage');
const CreateDecisionPage = page(() => import('../decision/CreateDecisionPage'), 'CreateDecisionPage');
const DecisionListPage = page(() => import('../decision/DecisionListPage'), 'DecisionListPage');
const DecisionPage = page(() => import('../decision/DecisionPage'), 'DecisionPage');
const MeetingPage = page(() => import('../meeting/MeetingPage'), 'MeetingPage');
const ReviewPage = page(() => import('../review/ReviewPage'), 'ReviewPage');
const StatisticsPage = page(() => import('../statistics/StatisticsPage'), 'StatisticsPage');
const WorklistPage = page(() => import('../worklist/WorklistPage'), 'WorklistPage');

/** The console: routes under /console, Chinese locale, the CSP nonce for Ant Design's runtime styles. */
export function App({ nonce }: { nonce: string | undefined }) {
  return (
    <ConfigProvider locale={zhCNLocale} csp={{ nonce }} theme={{ token: { colorPrimary: '#a61b1b', fontFamily: 'var(--console-font)' } }}>
      <AntApp>
        <BrowserRouter basename="/console">
          <Suspense fallback={<Spin />}>
          <Routes>
            <Route path="/login" element={<LoginPage />} />
            <Route path="/auth/callback" element={<OidcCallbackPage />} />
            <Route element={<AppLayout />}>
              <Route index element={<WorklistPage />} />
              <Route path="/decisions" element={<DecisionListPage />} />
              <Route path="/decisions/new" element={<CreateDecisionPage />} />
              <Route path="/decisions/:id" element={<DecisionPage />} />
              <Route path="/decisions/:id/review" element={<ReviewPage />} />
              <Route path="/decisions/:id/meeting" element={<MeetingPage />} />
              <Route path="/decisions/:id/audit" element={<AuditPage />} />
              <Route path="/audit/verify" element={<JurisdictionVerifyPage />} />
              <Route path="/catalogue" element={<CataloguePage />} />
              <Route path="/consultations" element={<ConsultationsPage />} />
              <Route path="/statistics" element={<StatisticsPage />} />
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Routes>
          </Suspense>
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}
