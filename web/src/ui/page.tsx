import { useEffect, useRef, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n-context';
import { useRouteFocus } from '../shell/route-focus';

interface PageProps {
  /** Names the page in the browser tab (and the heading, unless `heading` is given). */
  title: string;
  heading?: string;
  lead?: ReactNode;
  className?: string;
  children: ReactNode;
}

/** Every signed-in page: one h1 that receives the focus after a page change, and the tab title. */
export function Page({ title, heading, lead, className, children }: PageProps) {
  const { t } = useI18n();
  const focusHeading = useRouteFocus();
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    document.title = t('app.pageTitle', { page: title });
    return () => {
      document.title = t('app.documentTitle');
    };
  }, [t, title]);

  useEffect(() => {
    if (focusHeading) headingRef.current?.focus();
    // Only when the page first appears: later re-renders must not pull the focus back.
  }, []);

  return (
    <article className={className ? `page ${className}` : 'page'}>
      <h1 ref={headingRef} tabIndex={-1} className="page-heading">
        {heading ?? title}
      </h1>
      {lead ? <p className="lead">{lead}</p> : null}
      {children}
    </article>
  );
}
