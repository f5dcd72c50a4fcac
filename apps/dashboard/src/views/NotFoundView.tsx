import { Link } from 'react-router';
import { PageHeading } from '../components/PageHeading';

export function NotFoundView() {
  return (
    <>
      <PageHeading title="Page not found" />
      <p>
        There is no page at this address. <Link to="/">Go to the matches</Link>.
      </p>
    </>
  );
}
