// Small, dependency-free classifiers: multinomial logistic regression (L-BFGS), k-NN and a CART
// tree, with `fit(rows, labels, options) → model.predictProba(rows)` and out-of-fold probabilities.
export { fit, type FitOptions } from './fit.js';
export { outOfFoldProba, stratifiedFolds, type CrossValidationOptions } from './cross-validation.js';
export { fitLogistic, logisticFromCoefficients, softmaxInPlace, type LogisticModel, type LogisticOptions } from './logistic.js';
export { fitKnn, type KnnModel, type KnnOptions } from './knn.js';
export { fitTree, type TreeModel, type TreeOptions } from './tree.js';
export { argmax, encodeLabels, type Classifier, type ModelKind } from './types.js';
export { fitStandardizer, standardize, type Standardizer } from './standardizer.js';
export { createRandom, type Random } from './random.js';
export { dot, leastSquares, minimumNormSolve, squaredDistance, symmetricEigen, type Vector } from './linalg.js';
export { minimize, type MinimizeOptions, type MinimizeResult, type Objective } from './lbfgs.js';
