import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectToStation } from './api';
import { StationProvider } from './api/station-context';
import { App } from './app';
import './styles/app.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');

createRoot(root).render(
  <StrictMode>
    <StationProvider link={connectToStation()}>
      <App />
    </StationProvider>
  </StrictMode>,
);
