// Renderer entry: picks the host (Electron bridge or browser) and renders the app.
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { selectHost } from './host/select-host'
import './styles/app.css'

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')
createRoot(root).render(
  <StrictMode>
    <App host={selectHost()} />
  </StrictMode>,
)
