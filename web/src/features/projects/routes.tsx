import { Route } from 'react-router';
import { lazyNamed } from '../../components/lazy.ts';

const ProjectsPage = lazyNamed(() => import('./projects-page.tsx'), 'ProjectsPage');
const ProjectPage = lazyNamed(() => import('./project-page.tsx'), 'ProjectPage');

/** Projects: the board by phase (and a list), and a project's page with its tasks. */
export const projectsRoutes = (
  <>
    <Route path="/projects" element={<ProjectsPage />} />
    <Route path="/projects/:id" element={<ProjectPage />} />
  </>
);
