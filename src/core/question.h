/* SPDX-License-Identifier: MIT */
/* The question model lives in model/question.h, below both core and the store. */
#ifndef RUBRIC_CORE_QUESTION_H
#define RUBRIC_CORE_QUESTION_H

#include "model/question.h"

#endif
