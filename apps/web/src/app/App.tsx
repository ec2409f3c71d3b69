import { App as AntApp, ConfigProvider } from 'antd';
import zhCNLocale from 'antd/locale/zh_CN';
import { BrowserRouter, Route, Routes } from 'react-router';
import { AuditPage } from '../audit/AuditPage';
import { JurisdictionVerifyPage } from '../audit/JurisdictionVerifyPage';
import { LoginPage } from '../auth/LoginPage';
import { OidcCallbackPage } from '../auth/OidcCallbackPage';
import { CataloguePage } from '../catalogue/CataloguePage';
import { ConsultationsPage } from '../catalogue/ConsultationsPage';
import { CreateDecisionPage } from '../decision/CreateDecisionPage';
import { DecisionListPage } from '../decision/DecisionListPage';
import { DecisionPage } from '../decision/DecisionPage';
import { MeetingPage } from '../meeting/MeetingPage';
import { ReviewPage } from '../review/ReviewPage';
import { StatisticsPage } from '../statistics/StatisticsPage';
import { WorklistPage } from '../worklist/WorklistPage';
import { AppLayout } from './AppLayout';
import { NotFoundPage } from './NotFoundPage';

/** The console: routes under /console, Chinese locale, the CSP nonce for Ant Design's runtime styles. */
export function App({ nonce }: { nonce: string | undefined }) {
  return (
    <ConfigProvider locale={zhCNLocale} csp={{ nonce }} theme={{ token: { colorPrimary: '#a61b1b', fontFamily: 'var(--console-font)' } }}>
      <AntApp>
        <BrowserRouter basename="/console">
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
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}
