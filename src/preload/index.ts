import { contextBridge } from 'electron';

// The narrow renderer API. The typed IPC contract (src/shared) and its methods arrive with the tray app.
contextBridge.exposeInMainWorld('traytune', Object.freeze({ version: 1 }));
