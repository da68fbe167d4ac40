// The mini-player UI is built in the tray-app issue; this entry keeps the renderer bundle buildable.
const app = document.getElementById('app');
if (app) app.dataset['ready'] = 'true';
