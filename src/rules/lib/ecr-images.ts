import type { Inventory } from '../../core/inventory.js';
import type { Resource } from '../../core/resource.js';
import { Expr, joinPath, Ref, Unknown, type Value } from '../../core/value.js';
import { showValue } from './read.js';

/**
 * Container image references of SageMaker models: where each image is, whether it is pinned by
 * digest, and which registry it comes from.
 */

export interface ContainerImage {
  /** `PrimaryContainer.Image`, `Containers[1].Image`. */
  path: string;
  value: Value;
}

/** Every container image a model names (PrimaryContainer and the Containers of an inference pipeline). */
export function modelImages(model: Resource): ContainerImage[] {
  const out: ContainerImage[] = [];
  const primary = model.properties['PrimaryContainer'];
  const push = (path: string, container: Value | undefined): void => {
    if (container && typeof container === 'object' && !Array.isArray(container) && !(container instanceof Unknown) && !(container instanceof Ref) && !(container instanceof Expr)) {
      const image = container['Image'];
      if (image !== undefined && image !== null && image !== '') out.push({ path: joinPath(path, 'Image'), value: image });
    }
  };
  push('PrimaryContainer', primary);
  const containers = model.properties['Containers'];
  if (Array.isArray(containers)) containers.forEach((c, i) => push(joinPath('Containers', i), c));
  return out;
}

const DIGEST = /@sha256:[0-9a-f]{64}$/;

/**
 * The image reference as a template: known text kept, each reference replaced by a marker, so
 * that `${Repo.RepositoryUri}@sha256:…` can be judged without knowing the repository URI.
 */
function template(v: Value): string | undefined {
  if (typeof v === 'string') return v;
  if (v instanceof Ref) return v.text ?? '\u0000';
  if (v instanceof Expr) return v.parts.map((p) => (typeof p === 'string' ? p : (p.text ?? '\u0000'))).join('');
  return undefined;
}

export type Pinning = { state: 'pinned' } | { state: 'unpinned' } | { state: 'unknown'; reason: string };

export function pinning(v: Value): Pinning {
  if (v instanceof Unknown) return { state: 'unknown', reason: v.reason };
  const t = template(v);
  if (t === undefined) return { state: 'unknown', reason: 'the image is not a string' };
  if (DIGEST.test(t)) return { state: 'pinned' };
  // A reference in the last position may itself be the digest or tag; it cannot be judged.
  if (t.endsWith('\u0000')) return { state: 'unknown', reason: `the image ends in a value known only at deployment (${showValue(v)})` };
  return { state: 'unpinned' };
}

/**
 * AWS-owned ECR registries that publish SageMaker's built-in algorithm images, the framework
 * containers (scikit-learn, XGBoost, Spark ML), the Deep Learning Containers (PyTorch, TensorFlow,
 * MXNet), Neo and RL images. Account ids per Region from the SageMaker Python SDK's registry
 * table (aws/sagemaker-python-sdk, src/sagemaker/image_uri_config/framework-region-registry.json).
 */
export const AWS_IMAGE_ACCOUNTS: Readonly<Record<string, string>> = Object.fromEntries([
  ...accounts('AWS Deep Learning Containers', '763104351884 871362719292 727897471807 217643126080 442386744353 886529160074'),
  ...accounts(
    'SageMaker built-in algorithms',
    '286214385809 351501993468 835164637446 991648021394 475088953585 712309505854 469771592824 390948362332 387376663083 664544806723 ' +
      '669576153137 438346466558 644912444149 749696950732 249704162688 855470959533 382416733822 404615174143 226302683700 490574956308 ' +
      '632365934929 174872318107 501404015308 306986355934 544295431143 813361260812 685385470294 811284229777 825641698319 433757028032 ' +
      '633353088612 204372634319 514117268639 495149712605 224300973850 522234722520 566113047672 156387875391 258307448986 293181348795 ' +
      '297031611018 353608530281 999678624901 766337827248 999911452149 266724342769',
  ),
  ...accounts(
    'SageMaker framework containers (scikit-learn, XGBoost, Spark ML)',
    '651117190479 354813040037 366743142698 720646828776 121021644041 783357654285 341280168497 450853457545 451049120500 492215442770 ' +
      '662702820516 141502667606 764974769150 659782779980 801668240914 737474898029 683313688378 257758044811 414596584902 833128469047 ' +
      '746614075791 246618743249',
  ),
  ...accounts(
    'SageMaker Neo containers',
    '110948597952 941853720454 151534178276 763008648453 324986816169 355873309152 464438896020 472730292857 474822919863 746233611703 ' +
      '601324751636 802834080501 205493899709 254080097072 836785723513 756306329178 785573368785 007439368137 263933020539 710691900526 301217895009',
  ),
  ...accounts('SageMaker RL and Chainer containers', '520713654638 057415533634 422961961927 423003514399 724002660598 246785580436 744548109606 462105765813'),
]);

function accounts(publisher: string, ids: string): [string, string][] {
  return ids.split(/\s+/).map((id) => [id, publisher]);
}

// Account and Region may come from references (`${AWS::AccountId}`), shown as the marker \u0000.
const PRIVATE_ECR = /^(\d{12}|\u0000)\.dkr\.ecr(?:-fips)?\.(?:[a-z0-9-]+|\u0000)\.amazonaws\.com(?:\.cn)?\/[^/]/;

export type Registry =
  | { kind: 'private-ecr'; account?: string }
  | { kind: 'aws-managed'; account: string; publisher: string }
  | { kind: 'ecr-repository'; repository: Resource }
  | { kind: 'public-ecr' }
  | { kind: 'other'; host: string }
  | { kind: 'unknown'; reason: string };

/** Where an image comes from. An Expr built on an AWS::ECR::Repository of the inventory is private ECR. */
export function registryOf(v: Value, inventory: Inventory): Registry {
  if (v instanceof Unknown) return { kind: 'unknown', reason: v.reason };
  const first = v instanceof Ref ? v : v instanceof Expr ? v.parts[0] : undefined;
  const repo = first instanceof Ref ? inventory.get(first.target) : undefined;
  if (repo?.type === 'AWS::ECR::Repository') return { kind: 'ecr-repository', repository: repo };
  const t = template(v);
  if (t === undefined) return { kind: 'unknown', reason: 'the image is not a string' };
  return classify(t, v);
}

function classify(text: string, v: Value): Registry {
  const m = PRIVATE_ECR.exec(text);
  if (m) {
    const account = m[1]!;
    if (account === '\u0000') return { kind: 'private-ecr' };
    const publisher = AWS_IMAGE_ACCOUNTS[account];
    return publisher ? { kind: 'aws-managed', account, publisher } : { kind: 'private-ecr', account };
  }
  if (text.startsWith('public.ecr.aws/')) return { kind: 'public-ecr' };
  // No registry host (no dot or colon before the first slash) means Docker Hub.
  const first = text.split('/')[0] ?? '';
  if (first.includes('\u0000')) return { kind: 'unknown', reason: `the registry comes from ${showValue(v)}, which is not known before deployment` };
  const host = text.includes('/') && /[.:]/.test(first) ? first : 'docker.io';
  return { kind: 'other', host };
}
