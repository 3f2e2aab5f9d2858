// The monitor page, loaded as a chunk of its own (lazyRouteComponent in router.tsx) together with the parts of
// echarts it uses.
import { getRouteApi } from '@tanstack/react-router';
import { MonitorPage } from './MonitorPage.tsx';
import './monitor.css';

const route = getRouteApi('/authenticated/monitor');

export function MonitorRoute() {
  return <MonitorPage search={route.useSearch()} />;
}
