import { createRoot } from 'react-dom/client';
import { Crm } from './Crm.jsx';

const customerId = new URLSearchParams(location.search).get('customer');
createRoot(document.getElementById('root')).render(<Crm customerId={customerId} />);
