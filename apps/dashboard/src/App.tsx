import { lazy, Suspense } from 'react';
import { NavLink, Route, Routes } from 'react-router';
import { Loading } from './components/States';
import { ApplicationsView } from './views/ApplicationsView';
import { CvVersionsView } from './views/CvVersionsView';
import { MatchesView } from './views/MatchesView';
import { NotFoundView } from './views/NotFoundView';
import { RunDetailView } from './views/RunDetailView';
import { RunsView } from './views/RunsView';
import { SchedulesView } from './views/SchedulesView';

// The two views with charts load the charting library on first use, keeping the first page light.
const MatchDetailView = lazy(() => import('./views/MatchDetailView').then((m) => ({ default: m.MatchDetailView })));
const InsightsView = lazy(() => import('./views/InsightsView').then((m) => ({ default: m.InsightsView })));

const NAV = [
  { to: '/', label: 'Matches', end: true },
  { to: '/applications', label: 'Applications', end: false },
  { to: '/runs', label: 'Runs', end: false },
  { to: '/schedules', label: 'Schedules', end: false },
  { to: '/insights', label: 'Insights', end: false },
  { to: '/cv-versions', label: 'CV versions', end: false },
];

export function App() {
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <div className="site-header-inner">
          <NavLink to="/" className="brand" aria-label="JobSearchAI, matches">
            <span className="brand-mark" aria-hidden="true">
              ✓
            </span>
            JobSearchAI
          </NavLink>
          <nav className="site-nav" aria-label="Main">
            <ul>
              {NAV.map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to} end={item.end}>
                    {item.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
        </div>
      </header>
      <main id="main" className="page">
        <Suspense fallback={<Loading />}>
          <Routes>
            <Route index element={<MatchesView />} />
            <Route path="matches/:id" element={<MatchDetailView />} />
            <Route path="applications" element={<ApplicationsView />} />
            <Route path="runs" element={<RunsView />} />
            <Route path="runs/:id" element={<RunDetailView />} />
            <Route path="schedules" element={<SchedulesView />} />
            <Route path="insights" element={<InsightsView />} />
            <Route path="cv-versions" element={<CvVersionsView />} />
            <Route path="*" element={<NotFoundView />} />
          </Routes>
        </Suspense>
      </main>
    </>
  );
}
