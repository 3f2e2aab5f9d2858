import '@utrecht/component-library-css/dist/index.css';
import './theme.ts';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { initI18n } from './i18n/index.ts';
import { applyTheme, DEFAULT_THEME } from './theme.ts';

initI18n();
applyTheme(DEFAULT_THEME);

const container = document.getElementById('root');
if (!container) throw new Error('Missing #root element');
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
