import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import { vendorScripts } from '../src/vendor-files.ts';

export type LayoutProps = {
  title: string;
  children: Child;
  /** body class: 'kiosk' and 'board' pages are read from across a room */
  variant?: 'phone' | 'kiosk' | 'board' | 'admin';
  /** extra scripts from /static/js, loaded deferred */
  scripts?: string[];
};

export function Layout({ title, children, variant = 'phone', scripts = [] }: LayoutProps) {
  return (
    <>
      {raw('<!doctype html>')}
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          {/* htmx would inject a <style> tag that our CSP forbids; its indicator styles are in app.css */}
          {/* 409 and 422 carry a message for the person (a refusal, a form with errors); htmx 2 drops them unless told */}
          <meta
            name="htmx-config"
            content='{"includeIndicatorStyles":false,"allowEval":false,"responseHandling":[{"code":"204","swap":false},{"code":"[23]..","swap":true},{"code":"409|422","swap":true,"error":false},{"code":"[45]..","swap":false,"error":true},{"code":"...","swap":false}]}'
          />
          <title>{title}</title>
          <link rel="stylesheet" href="/static/css/app.css" />
          {/* without scripts nothing updates by itself, so pages must not say it does */}
          <noscript>
            <link rel="stylesheet" href="/static/css/noscript.css" />
          </noscript>
          <link rel="icon" href="/static/icons/favicon.svg" type="image/svg+xml" />
          {vendorScripts.map((src) => (
            <script src={src} defer></script>
          ))}
          {scripts.map((s) => (
            <script src={`/static/js/${s}`} defer></script>
          ))}
        </head>
        <body class={variant}>{children}</body>
      </html>
    </>
  );
}
