import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { installStyleNonce } from './app/csp-nonce';
import './styles.css';

dayjs.locale('zh-cn');
const nonce = installStyleNonce();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App nonce={nonce} />
  </StrictMode>,
);
