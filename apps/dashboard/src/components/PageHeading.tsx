import { useEffect, useRef, type ReactNode } from 'react';
import { useLocation } from 'react-router';
import { useDocumentTitle } from '../lib/use-document-title';

// The page the browser opened keeps its natural focus order (skip link first); only views reached
// by following a link in the app move the focus.
let lastFocusedPath = typeof window === 'undefined' ? '' : window.location.pathname;

/**
 * The view's h1. After an in-app navigation it takes the focus, so keyboard and screen-reader
 * users land on the new content instead of staying in the navigation.
 */
export function PageHeading({ title, children }: { title: string; children?: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const { pathname } = useLocation();
  useDocumentTitle(title);
  useEffect(() => {
    if (pathname === lastFocusedPath) return;
    lastFocusedPath = pathname;
    ref.current?.focus();
  }, [pathname]);
  return (
    <div className="page-heading">
      <h1 ref={ref} tabIndex={-1}>
        {title}
      </h1>
      {children ? <div className="page-heading-actions">{children}</div> : null}
    </div>
  );
}
