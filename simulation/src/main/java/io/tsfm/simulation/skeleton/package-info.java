/**
 * Motion-capture files (BVH, ASF/AMC) parsed into skeletons and clips, rotation arithmetic and forward
 * kinematics.
 */
package io.tsfm.simulation.skeleton;
