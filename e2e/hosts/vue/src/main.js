import { createApp } from 'vue';
import Crm from './Crm.vue';

const customerId = new URLSearchParams(location.search).get('customer');
createApp(Crm, { customerId }).mount('#app');
