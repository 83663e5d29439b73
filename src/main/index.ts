// Electron main process: one hardened window showing the renderer from app://workbench/,
// typed IPC for what only the platform can do, nothing else. See docs/security.md.
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { app, BrowserWindow, safeStorage, session } from 'electron'
import { nodeCrypto } from '../node/crypto/node-crypto'
import { APP_ENTRY_URL, APP_ORIGIN, schemeAndHost } from './app-url'
import { registerAppScheme, serveApp } from './app-protocol'
import { SweepJobs } from './a11y-sweep-jobs'
import { OpenFiles } from './file-handles'
import { hardenContents, hardenSession, LOCKED_DOWN_WEB_PREFERENCES } from './hardening'
import { registerIpc } from './ipc'
import { mainKeyVault } from './key-vault'

const PRODUCT_NAME = 'Evidence Workbench'
const rendererDir = fileURLToPath(new URL('../renderer/', import.meta.url))
const preloadPath = fileURLToPath(new URL('../preload/index.cjs', import.meta.url))

// `electron-vite dev` serves the renderer from a local Vite server; never in a packaged app.
const devUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined
const devOrigin = devUrl ? schemeAndHost(devUrl) : undefined

const windowIds = new Set<number>()
const files = new OpenFiles()
const sweeps = new SweepJobs()

registerAppScheme()
app.enableSandbox()
app.setName(PRODUCT_NAME)
app.on('web-contents-created', (_event, contents) => hardenContents(contents))

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1200,
    height: 840,
    minWidth: 640,
    minHeight: 480,
    show: false,
    title: PRODUCT_NAME,
    webPreferences: {
      preload: preloadPath,
      ...LOCKED_DOWN_WEB_PREFERENCES,
      devTools: !app.isPackaged,
    },
  })
  const id = win.webContents.id
  windowIds.add(id)
  win.on('closed', () => {
    windowIds.delete(id)
    void files.closeAll(id)
    sweeps.cancelAll(id)
  })
  win.once('ready-to-show', () => win.show())
  void win.loadURL(devUrl ?? APP_ENTRY_URL)
  return win
}

function start(): void {
  hardenSession(session.defaultSession, devOrigin)
  serveApp(session.defaultSession, rendererDir)
  const keys = mainKeyVault({
    dir: path.join(app.getPath('userData'), 'keys'),
    safeStorage,
    crypto: nodeCrypto,
    platform: process.platform,
  })
  app.on('will-quit', () => keys.close())
  registerIpc({
    productName: PRODUCT_NAME,
    files,
    keys,
    sweeps,
    trusted: {
      webContentsIds: windowIds,
      origins: new Set(devOrigin ? [APP_ORIGIN, devOrigin] : [APP_ORIGIN]),
    },
  })
  createWindow()
}

app.on('second-instance', () => {
  // The workbench window, not a hidden accessibility-sweep window.
  const win = BrowserWindow.getAllWindows().find((w) => windowIds.has(w.webContents.id))
  if (win) {
    if (win.isMinimized()) win.restore()
    win.focus()
  }
})

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})

app.on('activate', () => {
  if (app.isReady() && windowIds.size === 0) createWindow()
})

// One workbench per user profile: a second launch focuses the first window.
if (app.requestSingleInstanceLock()) void app.whenReady().then(start)
else app.quit()
