import { startApp } from './test/helpers/http';
(async () => {
  const app = await startApp('pglite://memory');
  const t = await (await fetch(app.url + '/widget/token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"locale":"fr-FR"}' })).json() as any;
  const h = { authorization: 'Bearer ' + t.token, 'content-type': 'application/json' };
  await fetch(app.url + '/v3/directline/conversations', { method: 'POST', headers: h, body: '{}' });
  await new Promise(r => setTimeout(r, 1000));
  let w = '';
  const show = async () => { const r = await (await fetch(`${app.url}/v3/directline/conversations/${t.conversationId}/activities?watermark=${w}`, { headers: h })).json() as any; w = r.watermark; for (const a of r.activities) if (a.from.role==='bot') console.log('  BOT', a.text.replace(/\n/g,' | ').slice(0,150), a.suggestedActions ? JSON.stringify(a.suggestedActions.actions.map((x:any)=>x.title)) : ''); };
  await show();
  for (const text of process.argv.slice(2)) { console.log('USER', text); await fetch(`${app.url}/v3/directline/conversations/${t.conversationId}/activities`, { method: 'POST', headers: h, body: JSON.stringify({ type: 'message', text }) }); await show(); }
  await app.close();
})();
