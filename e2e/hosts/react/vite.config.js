// vite.config.js
import react from '@vitejs/plugin-react';

// The kit runs in your host (CRM_HOST, default http://localhost:3000); this app's server forwards
// /api/crm to it, so the page, the kit and your cookies share one origin. `vite preview` does too.
export default {
  plugins: [react()],
  server: { proxy: { '/api/crm': process.env.CRM_HOST ?? 'http://localhost:3000' } },
};
