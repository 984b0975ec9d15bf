import { useId, type ReactNode } from 'react';

/** One section of the home page: a heading that names the region, its content and a link to the page behind it. */
export function Card({ title, link, children }: { title: string; link?: { href: string; label: string }; children: ReactNode }) {
  const titleId = useId();
  return (
    <section aria-labelledby={titleId} className="card dashboard-card">
      <h2 id={titleId}>{title}</h2>
      {children}
      {link ? (
        <p className="card-link">
          <a href={link.href}>{link.label}</a>
        </p>
      ) : null}
    </section>
  );
}
