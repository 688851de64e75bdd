import { api, esc, renderHeader } from './common.js';

const form = document.getElementById('filters');
const body = document.getElementById('customers');
const status = document.getElementById('status');

async function load() {
  const params = new URLSearchParams();
  for (const [k, v] of new FormData(form)) if (String(v).trim()) params.set(k, String(v).trim());
  params.set('pageSize', '200');
  status.textContent = 'Loading…';
  try {
    const page = await api(`/api/customers?${params}`);
    body.innerHTML = page.items.map(c => `<tr class="customer-row" data-id="${esc(c.id)}">
      <td><a href="/customer.html?id=${esc(c.id)}">${esc(c.displayName)}</a></td><td>${esc(c.ownerId)}</td><td>${esc(c.stage)}</td>
      <td>${esc(c.segment)}</td><td>${esc(c.city)}</td><td>${esc(c.phone)}</td>
      <td>${c.tags.map(t => `<span class="tag">${esc(t)}</span>`).join('')}</td></tr>`).join('');
    status.textContent = `${page.items.length} customers${page.continuationToken ? ' (more available)' : ''}`;
  } catch (e) {
    status.innerHTML = `<span class="error">${esc(e.message)}</span>`;
  }
}

form.addEventListener('submit', e => { e.preventDefault(); load(); });
renderHeader();
load();
