// vite.config.js
import vue from '@vitejs/plugin-vue';

// Vue compiles `crm-*` tags as custom elements; /api/crm goes to your host (CRM_HOST), as for React.
export default {
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('crm-') } } })],
  server: { proxy: { '/api/crm': process.env.CRM_HOST ?? 'http://localhost:3000' } },
};
