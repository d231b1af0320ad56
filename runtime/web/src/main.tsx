import { render } from 'preact';
import { App } from './components/app.js';
import { onLinkClick } from './router.js';
import './styles.css';

const root = document.getElementById('app');
if (root) {
  root.textContent = '';
  render(<App />, root);
}
document.addEventListener('click', onLinkClick);
