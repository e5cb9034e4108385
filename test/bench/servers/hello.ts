/** The start-up benchmark's baseline: a bare Hono hello world on @hono/node-server. */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono();
app.get('*', (c) => c.text('hello'));
serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: '0.0.0.0' }, (info) => console.log(`listening on ${info.port}`));
