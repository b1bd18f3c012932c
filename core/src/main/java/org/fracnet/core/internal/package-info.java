/**
 * Helpers shared by core's packages. Not part of the API: public only so that other core packages
 * can reach them; they may change in any release.
 */
package org.fracnet.core.internal;
